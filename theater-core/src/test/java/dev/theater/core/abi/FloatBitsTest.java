package dev.theater.core.abi;

import dev.theater.testing.SpecialFloats;
import static dev.theater.core.abi.WitTypes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.F32;
import dev.theater.api.wit.WitValue.F64;
import dev.theater.api.wit.WitValue.ResultValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * f32 and f64 against CanonicalABI.md's float rules, over every bit pattern (NaNs, ±0, ±∞, subnormals often):
 * lifting a NaN gives the one NaN value of the component model (the spec canonicalizes it; a host may keep the
 * payload instead, which this project does, and which is not pinned here); lowering a NaN may write any NaN
 * bit pattern (the spec's maybe_scramble_nan); every other value keeps its exact bits, -0.0 included.
 * Flat, in a slot joined with i64 (where an f32 travels zero-extended and the high half is ignored), and in memory.
 */
class FloatBitsTest {

    private static final WitType F32_OR_U64 = result(F32, U64); // flat (i32, i64): f32 in an i64 slot
    private static final WitType F64_OR_U32 = result(F64, U32); // flat (i32, i64): f64 joined with i32

    @Provide
    Arbitrary<Integer> f32Bits() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, SpecialFloats.f32Specials()),
                Tuple.of(1, Arbitraries.integers()),
                Tuple.of(1, Arbitraries.floats().map(Float::floatToRawIntBits)));
    }

    @Provide
    Arbitrary<Long> f64Bits() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, SpecialFloats.f64Specials()),
                Tuple.of(1, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.doubles().map(Double::doubleToRawLongBits)));
    }

    /** What lifting {@code bits} must give: a NaN for any NaN pattern, else exactly these bits. */
    private static void assertLifted(WitValue lifted, int bits) {
        float f = ((F32) lifted).value();
        if (Float.isNaN(Float.intBitsToFloat(bits))) {
            assertThat(Float.isNaN(f)).as("NaN 0x%08x lifts to a NaN, got 0x%08x", bits, Float.floatToRawIntBits(f)).isTrue();
        } else {
            assertThat(Float.floatToRawIntBits(f)).as("bits of 0x%08x", bits).isEqualTo(bits);
        }
    }

    private static void assertLifted(WitValue lifted, long bits) {
        double d = ((F64) lifted).value();
        if (Double.isNaN(Double.longBitsToDouble(bits))) {
            assertThat(Double.isNaN(d)).as("NaN 0x%016x lifts to a NaN", bits).isTrue();
        } else {
            assertThat(Double.doubleToRawLongBits(d)).as("bits of 0x%016x", bits).isEqualTo(bits);
        }
    }

    /** What lowering {@code value} may write: any NaN pattern for a NaN, else exactly its bits. */
    private static void assertLowered(int written, float value) {
        if (Float.isNaN(value)) {
            assertThat(Float.isNaN(Float.intBitsToFloat(written))).as("a NaN lowers to a NaN, got 0x%08x", written).isTrue();
        } else {
            assertThat(written).as("bits of %s", value).isEqualTo(Float.floatToRawIntBits(value));
        }
    }

    private static void assertLowered(long written, double value) {
        if (Double.isNaN(value)) {
            assertThat(Double.isNaN(Double.longBitsToDouble(written))).as("a NaN lowers to a NaN, got 0x%016x", written).isTrue();
        } else {
            assertThat(written).as("bits of %s", value).isEqualTo(Double.doubleToRawLongBits(value));
        }
    }

    @Property(tries = 2000)
    void f32LiftsFromAnyBits(@ForAll("f32Bits") int bits, @ForAll int highGarbage) {
        HeapMemory memory = new HeapMemory(64);
        AbiContext cx = memory.context();
        assertLifted(CanonicalAbi.liftFlat(cx, F32, new long[] {bits}), bits);

        long slot = ((long) highGarbage << 32) | Integer.toUnsignedLong(bits); // the spec wraps the i64 to i32 first
        ResultValue ok = (ResultValue) CanonicalAbi.liftFlat(cx, F32_OR_U64, new long[] {0, slot});
        assertLifted(ok.payload().orElseThrow(), bits);

        memory.writeInt(16, bits);
        assertLifted(CanonicalAbi.load(cx, F32, 16), bits);
    }

    @Property(tries = 2000)
    void f64LiftsFromAnyBits(@ForAll("f64Bits") long bits) {
        HeapMemory memory = new HeapMemory(64);
        AbiContext cx = memory.context();
        assertLifted(CanonicalAbi.liftFlat(cx, F64, new long[] {bits}), bits);
        ResultValue ok = (ResultValue) CanonicalAbi.liftFlat(cx, F64_OR_U32, new long[] {0, bits});
        assertLifted(ok.payload().orElseThrow(), bits);

        memory.writeLong(16, bits);
        assertLifted(CanonicalAbi.load(cx, F64, 16), bits);
    }

    @Property(tries = 2000)
    void f32LowersToItsBitsOrToANaN(@ForAll("f32Bits") int bits) {
        float value = Float.intBitsToFloat(bits);
        HeapMemory memory = new HeapMemory(64);
        AbiContext cx = memory.context();
        assertLowered((int) CanonicalAbi.lowerFlat(cx, F32, new F32(value))[0], value);

        long[] joined = CanonicalAbi.lowerFlat(cx, F32_OR_U64, ResultValue.ok(new F32(value)));
        assertThat(joined[0]).isZero();
        assertThat(joined[1] >>> 32).as("an f32 in an i64 slot is zero-extended").isZero();
        assertLowered((int) joined[1], value);

        CanonicalAbi.store(cx, F32, new F32(value), 16);
        assertLowered(memory.readInt(16), value);
    }

    @Property(tries = 2000)
    void f64LowersToItsBitsOrToANaN(@ForAll("f64Bits") long bits) {
        double value = Double.longBitsToDouble(bits);
        HeapMemory memory = new HeapMemory(64);
        AbiContext cx = memory.context();
        assertLowered(CanonicalAbi.lowerFlat(cx, F64, new F64(value))[0], value);
        assertLowered(CanonicalAbi.lowerFlat(cx, F64_OR_U32, ResultValue.ok(new F64(value)))[1], value);

        CanonicalAbi.store(cx, F64, new F64(value), 16);
        assertLowered(memory.readLong(16), value);
    }

    /**
     * The round-trip properties compare values with {@code equals}; for floats that must be the component model's
     * equality: one NaN (whatever its bits), and -0.0 distinct from 0.0. Records compare float components with
     * {@link Float#compare}, which is exactly that.
     */
    @Test
    void valueEqualityIsTheComponentModelsFloatEquality() {
        assertThat(new F32(Float.intBitsToFloat(0x7fc00000))).isEqualTo(new F32(Float.intBitsToFloat(0xff800001)));
        assertThat(new F64(Double.longBitsToDouble(0x7ff8000000000000L)))
                .isEqualTo(new F64(Double.longBitsToDouble(0xfff0000000000001L)));
        assertThat(new F32(0.0f)).isNotEqualTo(new F32(-0.0f));
        assertThat(new F64(0.0)).isNotEqualTo(new F64(-0.0));
        assertThat(new F32(Float.MIN_VALUE)).isNotEqualTo(new F32(0.0f));
        assertThat(new F64(Double.POSITIVE_INFINITY)).isNotEqualTo(new F64(Double.NaN));
    }
}
