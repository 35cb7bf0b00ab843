package dev.theater.core.abi;

import dev.theater.api.wit.WitType.Primitive;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;

/**
 * bool, integers, floats and char. Every operation goes through the flat slot ({@link #toFlat}/{@link #fromFlat}),
 * which also truncates and sign- or zero-extends as the spec's {@code lift_flat_(un)signed} does.
 */
final class PrimitiveCodec extends ScalarCodec {

    private final Primitive kind;

    PrimitiveCodec(Primitive kind) {
        super(kind, sizeOf(kind), flatOf(kind));
        this.kind = kind;
    }

    private static int sizeOf(Primitive kind) {
        return switch (kind) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR -> 4;
            case S64, U64, F64 -> 8;
            case STRING -> throw new IllegalArgumentException("string is not a scalar");
        };
    }

    private static CoreType flatOf(Primitive kind) {
        return switch (kind) {
            case S64, U64 -> CoreType.I64;
            case F32 -> CoreType.F32;
            case F64 -> CoreType.F64;
            default -> CoreType.I32;
        };
    }

    @Override
    long toFlat(AbiContext cx, WitValue value) {
        return switch (kind) {
            case BOOL -> value instanceof WitValue.Bool(boolean b) ? (b ? 1 : 0) : wrong(cx, value);
            case S8 -> value instanceof WitValue.S8(byte v) ? v : wrong(cx, value);
            case U8 -> value instanceof WitValue.U8(int v) ? v : wrong(cx, value);
            case S16 -> value instanceof WitValue.S16(short v) ? v : wrong(cx, value);
            case U16 -> value instanceof WitValue.U16(int v) ? v : wrong(cx, value);
            case S32 -> value instanceof WitValue.S32(int v) ? v : wrong(cx, value);
            case U32 -> value instanceof WitValue.U32(long v) ? (int) v : wrong(cx, value);
            case S64 -> value instanceof WitValue.S64(long v) ? v : wrong(cx, value);
            case U64 -> value instanceof WitValue.U64(long v) ? v : wrong(cx, value);
            case F32 -> value instanceof WitValue.F32(float v) ? Float.floatToRawIntBits(v) : wrong(cx, value);
            case F64 -> value instanceof WitValue.F64(double v) ? Double.doubleToRawLongBits(v) : wrong(cx, value);
            case CHAR -> value instanceof WitValue.Char(int v) ? v : wrong(cx, value);
            case STRING -> throw new AssertionError();
        };
    }

    private long wrong(AbiContext cx, WitValue value) {
        throw cx.wrongValue(type, value);
    }

    @Override
    WitValue fromFlat(AbiContext cx, long v) {
        return switch (kind) {
            case BOOL -> new WitValue.Bool((int) v != 0);
            case S8 -> new WitValue.S8((byte) v);
            case U8 -> new WitValue.U8((int) v & 0xFF);
            case S16 -> new WitValue.S16((short) v);
            case U16 -> new WitValue.U16((int) v & 0xFFFF);
            case S32 -> new WitValue.S32((int) v);
            case U32 -> new WitValue.U32(v & 0xFFFF_FFFFL);
            case S64 -> new WitValue.S64(v);
            case U64 -> new WitValue.U64(v);
            case F32 -> new WitValue.F32(Float.intBitsToFloat((int) v));
            case F64 -> new WitValue.F64(Double.longBitsToDouble(v));
            case CHAR -> toChar(cx, (int) v);
            case STRING -> throw new AssertionError();
        };
    }

    private WitValue toChar(AbiContext cx, int cp) {
        if (Integer.compareUnsigned(cp, 0x110000) >= 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            throw cx.liftError(type, "0x" + Integer.toHexString(cp) + " is not a Unicode scalar value");
        }
        return new WitValue.Char(cp);
    }
}
