package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;

/**
 * A value that travels as a (pointer, length) pair over bytes with alignment 1: {@code string} and
 * {@code list<u8>}. Subclasses say how a value becomes bytes and how bytes become a value.
 */
abstract class ByteRangeCodec extends Codec {

    ByteRangeCodec(WitType type) {
        super(type, 8, 4, CoreType.I32, CoreType.I32);
    }

    /** The bytes to lower, or an error naming the type when {@code value} is not one of this codec's. */
    abstract byte[] bytesOf(AbiContext cx, WitValue value);

    /** The value of {@code length} bytes at {@code ptr}, checked against the memory's bounds. */
    abstract WitValue read(AbiContext cx, int ptr, int length);

    @Override
    final void lowerFlat(AbiContext cx, WitValue value, long[] out, int at) {
        byte[] bytes = bytesOf(cx, value);
        out[at] = copyIn(cx, bytes);
        out[at + 1] = bytes.length;
    }

    @Override
    final void store(AbiContext cx, WitValue value, int ptr) {
        byte[] bytes = bytesOf(cx, value);
        int begin = copyIn(cx, bytes);
        cx.memory().writeInt(ptr, begin);
        cx.memory().writeInt(ptr + 4, bytes.length);
    }

    @Override
    final WitValue liftFlat(AbiContext cx, long[] in, int at) {
        return read(cx, (int) in[at], (int) in[at + 1]);
    }

    @Override
    final WitValue load(AbiContext cx, int ptr) {
        return read(cx, cx.memory().readInt(ptr), cx.memory().readInt(ptr + 4));
    }

    private int copyIn(AbiContext cx, byte[] bytes) {
        int ptr = cx.allocate(1, bytes.length, type);
        cx.memory().writeBytes(ptr, bytes, 0, bytes.length);
        return ptr;
    }
}
