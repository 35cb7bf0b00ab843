package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import java.util.List;

/** {@code list<u8>}: one bulk copy each way; lifts as {@link WitValue.Bytes}, lowers Bytes or a list of U8. */
final class BytesCodec extends Codec {

    BytesCodec(WitType.ListOf type) {
        super(type, 8, 4, CoreType.I32, CoreType.I32);
    }

    @Override
    void lowerFlat(AbiContext cx, WitValue value, long[] out, int at) {
        byte[] bytes = bytesOf(cx, value);
        out[at] = copyIn(cx, bytes);
        out[at + 1] = bytes.length;
    }

    @Override
    void store(AbiContext cx, WitValue value, int ptr) {
        byte[] bytes = bytesOf(cx, value);
        int begin = copyIn(cx, bytes);
        cx.memory().writeInt(ptr, begin);
        cx.memory().writeInt(ptr + 4, bytes.length);
    }

    @Override
    WitValue liftFlat(AbiContext cx, long[] in, int at) {
        return read(cx, (int) in[at], (int) in[at + 1]);
    }

    @Override
    WitValue load(AbiContext cx, int ptr) {
        return read(cx, cx.memory().readInt(ptr), cx.memory().readInt(ptr + 4));
    }

    private byte[] bytesOf(AbiContext cx, WitValue value) {
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

    private int copyIn(AbiContext cx, byte[] bytes) {
        int ptr = cx.allocate(1, bytes.length, type);
        cx.memory().writeBytes(ptr, bytes, 0, bytes.length);
        return ptr;
    }

    private WitValue read(AbiContext cx, int ptr, int length) {
        cx.checkRange(ptr, Integer.toUnsignedLong(length), 1, type);
        return new WitValue.Bytes(cx.memory().readBytes(ptr, length));
    }
}
