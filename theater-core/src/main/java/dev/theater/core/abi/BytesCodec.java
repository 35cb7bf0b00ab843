package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.util.List;

/** {@code list<u8>}: one bulk copy each way; lifts as {@link WitValue.Bytes}, lowers Bytes or a list of U8. */
final class BytesCodec extends ByteRangeCodec {

    BytesCodec(WitType.ListOf type) {
        super(type);
    }

    @Override
    byte[] bytesOf(AbiContext cx, WitValue value) {
        if (value instanceof WitValue.Bytes(byte[] bytes)) {
            return bytes;
        }
        if (value instanceof WitValue.ListValue(List<WitValue> elements)) {
            byte[] bytes = new byte[elements.size()];
            for (int i = 0; i < bytes.length; i++) {
                if (!(elements.get(i) instanceof WitValue.U8(int b))) {
                    throw cx.lowerError(type, "element " + i + " is " + elements.get(i) + ", not a U8");
                }
                bytes[i] = (byte) b;
            }
            return bytes;
        }
        throw cx.wrongValue(type, value);
    }

    @Override
    WitValue read(AbiContext cx, int ptr, int length) {
        cx.checkRange(ptr, Integer.toUnsignedLong(length), 1, type);
        return new WitValue.Bytes(cx.memory().readBytes(ptr, length));
    }
}
