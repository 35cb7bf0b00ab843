package dev.theater.testing;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Float generators for properties: jqwik's {@code Arbitraries.floats()}/{@code doubles()} never give NaN or ±∞ (nor
 * often -0.0 or subnormals), so these mix in the special values and uniformly random bit patterns.
 */
@SuppressWarnings("exports") // a test helper: jqwik types in its signatures are fine
public final class SpecialFloats {

    /** f32 bit patterns jqwik's float generator never produces (or rarely: the extremes). */
    public static final int[] F32 = {
        0x7fc00000, // the canonical NaN
        0xffc00000, // negative quiet NaN
        0x7fc00001, 0x7fe12345, // quiet NaNs with payloads
        0x7f800001, 0x7fa00000, // signalling NaNs
        0xff800001, 0x7fffffff, 0xffffffff, // more NaNs: negative signalling, all payload bits set
        0x00000000, 0x80000000, // ±0
        0x7f800000, 0xff800000, // ±∞
        0x00000001, 0x80000001, 0x007fffff, 0x807fffff, // subnormals: the smallest and the largest, both signs
        0x00800000, 0x7f7fffff, 0xff7fffff, // the smallest normal, ±the largest finite
    };

    /** f64 bit patterns, as {@link #F32}. */
    public static final long[] F64 = {
        0x7ff8000000000000L, // the canonical NaN
        0xfff8000000000000L, // negative quiet NaN
        0x7ff8000000000001L, 0x7ffc0000deadbeefL, // quiet NaNs with payloads
        0x7ff0000000000001L, 0x7ff4000000000000L, // signalling NaNs
        0xfff0000000000001L, 0x7fffffffffffffffL, 0xffffffffffffffffL,
        0x0000000000000000L, 0x8000000000000000L, // ±0
        0x7ff0000000000000L, 0xfff0000000000000L, // ±∞
        0x0000000000000001L, 0x8000000000000001L, 0x000fffffffffffffL, 0x800fffffffffffffL, // subnormals
        0x0010000000000000L, 0x7fefffffffffffffL, 0xffefffffffffffffL, // the smallest normal, ±the largest finite
    };

    private SpecialFloats() {
    }

    /** Every float: half from jqwik's generator, a quarter special values, a quarter random bit patterns. */
    public static Arbitrary<Float> floats() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.floats()),
                Tuple.of(1, f32Specials().map(Float::intBitsToFloat)),
                Tuple.of(1, Arbitraries.integers().map(Float::intBitsToFloat)));
    }

    public static Arbitrary<Double> doubles() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.doubles()),
                Tuple.of(1, f64Specials().map(Double::longBitsToDouble)),
                Tuple.of(1, Arbitraries.longs().map(Double::longBitsToDouble)));
    }

    public static Arbitrary<Integer> f32Specials() {
        return Arbitraries.of(Arrays.stream(F32).boxed().toList());
    }

    public static Arbitrary<Long> f64Specials() {
        return Arbitraries.of(Arrays.stream(F64).boxed().toList());
    }
}
