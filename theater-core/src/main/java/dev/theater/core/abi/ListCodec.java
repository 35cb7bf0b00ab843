package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import java.util.List;

/** {@code list<T>} for any T but u8: (pointer, length); lists of scalars move with one bulk copy. */
final class ListCodec extends Codec {

    private final Codec element;

    ListCodec(WitType.ListOf type, Codec element) {
        super(type, 8, 4, CoreType.I32, CoreType.I32);
        this.element = element;
    }

    @Override
    void lowerFlat(AbiContext cx, WitValue value, long[] out, int at) {
        List<WitValue> elements = elementsOf(cx, value);
        out[at] = copyIn(cx, elements);
        out[at + 1] = elements.size();
    }

    @Override
    void store(AbiContext cx, WitValue value, int ptr) {
        List<WitValue> elements = elementsOf(cx, value);
        int begin = copyIn(cx, elements);
        cx.memory().writeInt(ptr, begin);
        cx.memory().writeInt(ptr + 4, elements.size());
    }

    @Override
    WitValue liftFlat(AbiContext cx, long[] in, int at) {
        return read(cx, (int) in[at], (int) in[at + 1]);
    }

    @Override
    WitValue load(AbiContext cx, int ptr) {
        return read(cx, cx.memory().readInt(ptr), cx.memory().readInt(ptr + 4));
    }

    private List<WitValue> elementsOf(AbiContext cx, WitValue value) {
        if (value instanceof WitValue.ListValue(List<WitValue> elements)) {
            return elements;
        }
        throw cx.wrongValue(type, value);
    }

    private int copyIn(AbiContext cx, List<WitValue> elements) {
        int n = elements.size();
        int ptr = cx.allocate(element.align, (long) n * element.size, type);
        if (element instanceof ScalarCodec scalar) {
            byte[] raw = new byte[n * element.size];
            for (int i = 0; i < n; i++) {
                scalar.encode(cx, elements.get(i), raw, i * element.size);
            }
            cx.memory().writeBytes(ptr, raw, 0, raw.length);
        } else {
            for (int i = 0; i < n; i++) {
                element.store(cx, elements.get(i), ptr + i * element.size);
            }
        }
        return ptr;
    }

    private WitValue read(AbiContext cx, int ptr, int length) {
        long n = Integer.toUnsignedLong(length);
        cx.checkRange(ptr, n * element.size, element.align, type);
        WitValue[] out = new WitValue[length];
        if (element instanceof ScalarCodec scalar) {
            byte[] raw = cx.memory().readBytes(ptr, length * element.size);
            for (int i = 0; i < length; i++) {
                out[i] = scalar.decode(cx, raw, i * element.size);
            }
        } else {
            for (int i = 0; i < length; i++) {
                out[i] = element.load(cx, ptr + i * element.size);
            }
        }
        return new WitValue.ListValue(List.of(out));
    }
}
