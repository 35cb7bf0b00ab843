package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import java.util.List;

/**
 * Lifts and lowers values of one WIT type; built once per type by {@link Codecs} so the hot path only walks
 * a tree of small objects. Flat values are {@code long}s: i32 sign-extended, f32/f64 as raw bits.
 */
abstract class Codec {

    final WitType type;
    final int size;
    final int align;
    final CoreType[] flat;

    Codec(WitType type, int size, int align, CoreType... flat) {
        this.type = type;
        this.size = size;
        this.align = align;
        this.flat = flat;
    }

    /** Stores {@code value} at {@code ptr}, which the caller has checked and aligned. */
    abstract void store(AbiContext cx, WitValue value, int ptr);

    /** Loads a value from {@code ptr}, which the caller has checked and aligned. */
    abstract WitValue load(AbiContext cx, int ptr);

    /** Writes the {@code flat.length} flat values of {@code value} to {@code out[at...]}. */
    abstract void lowerFlat(AbiContext cx, WitValue value, long[] out, int at);

    /** Reads a value from the {@code flat.length} flat values at {@code in[at...]}. */
    abstract WitValue liftFlat(AbiContext cx, long[] in, int at);

    List<CoreType> flatTypes() {
        return List.of(flat);
    }
}
