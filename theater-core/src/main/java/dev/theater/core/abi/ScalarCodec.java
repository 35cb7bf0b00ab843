package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import dev.theater.core.engine.GuestMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A value of one flat slot stored as a 1-, 2-, 4- or 8-byte integer (numbers, bool, char, enum, flags).
 * Subclasses only map values to and from the slot; memory and byte-array access are shared here, and
 * the byte-array form lets lists of scalars move with one bulk memory copy.
 */
abstract class ScalarCodec extends Codec {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    ScalarCodec(WitType type, int size, CoreType flat) {
        super(type, size, size, flat);
    }

    /** The flat slot of {@code value}; the stored bytes are its low {@code size} bytes. */
    abstract long toFlat(AbiContext cx, WitValue value);

    /** The value of a flat slot, or of a loaded integer (zero-extended from {@code size} bytes). */
    abstract WitValue fromFlat(AbiContext cx, long flatValue);

    @Override
    final void lowerFlat(AbiContext cx, WitValue value, long[] out, int at) {
        out[at] = toFlat(cx, value);
    }

    @Override
    final WitValue liftFlat(AbiContext cx, long[] in, int at) {
        return fromFlat(cx, in[at]);
    }

    @Override
    final void store(AbiContext cx, WitValue value, int ptr) {
        long bits = toFlat(cx, value);
        GuestMemory m = cx.memory();
        switch (size) {
            case 1 -> m.writeByte(ptr, (byte) bits);
            case 2 -> m.writeShort(ptr, (short) bits);
            case 4 -> m.writeInt(ptr, (int) bits);
            default -> m.writeLong(ptr, bits);
        }
    }

    @Override
    final WitValue load(AbiContext cx, int ptr) {
        GuestMemory m = cx.memory();
        long bits = switch (size) {
            case 1 -> m.readByte(ptr) & 0xFF;
            case 2 -> m.readShort(ptr) & 0xFFFF;
            case 4 -> m.readInt(ptr);
            default -> m.readLong(ptr);
        };
        return fromFlat(cx, bits);
    }

    /** Encodes {@code value} little-endian at {@code raw[off...]}. */
    final void encode(AbiContext cx, WitValue value, byte[] raw, int off) {
        long bits = toFlat(cx, value);
        switch (size) {
            case 1 -> raw[off] = (byte) bits;
            case 2 -> SHORT.set(raw, off, (short) bits);
            case 4 -> INT.set(raw, off, (int) bits);
            default -> LONG.set(raw, off, bits);
        }
    }

    /** Decodes a value from {@code raw[off...]}. */
    final WitValue decode(AbiContext cx, byte[] raw, int off) {
        long bits = switch (size) {
            case 1 -> raw[off] & 0xFF;
            case 2 -> (short) SHORT.get(raw, off) & 0xFFFF;
            case 4 -> (int) INT.get(raw, off);
            default -> (long) LONG.get(raw, off);
        };
        return fromFlat(cx, bits);
    }
}
