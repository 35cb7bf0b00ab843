package dev.theater.core.abi;

import dev.theater.testing.SpecialFloats;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.AbiArbitraries.Typed;
import dev.theater.core.abi.link.TestGuests;
import dev.theater.core.abi.link.WitExport;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.CoreFunction;
import dev.theater.core.EngineMode;
import dev.theater.core.engine.GuestMemory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random values of random types cross the real echo guest: stored by Java into memory from cabi_realloc,
 * deep-copied by C code that knows the canonical layout independently, and loaded back by Java. Values compare
 * with {@code equals}, which for floats is the component model's equality (one NaN, -0.0 distinct from 0.0; see
 * {@link FloatBitsTest}): a NaN may come back with other bits, anything else must come back exactly.
 */
class EchoRoundTripTest {

    /** One echo instance per engine mode, reset before every try. */
    private record Echo(WitInstance instance, WitExport copy, WitExport sizeAlign, WitExport reset, CoreFunction realloc) {
        static Echo start(EngineMode mode, boolean component) {
            WitInterface echo = TestGuests.wit("echo").requireInterface("echo");
            WitInstance instance = WitLinker.forModule(component ? TestGuests.component(mode, "echo")
                    : TestGuests.module(mode, "echo")).withInterface(echo).instantiate();
            return new Echo(instance, instance.export(echo, "copy"), instance.export(echo, "size-align"),
                    instance.export(echo, "reset"), instance.core().export("cabi_realloc"));
        }
    }

    private static final Map<String, Echo> ECHOES = new HashMap<>();

    /** True to run every property on the guest's component form ({@link EchoComponentRoundTripTest}). */
    boolean component() {
        return false;
    }

    private Echo echo(EngineMode mode) {
        synchronized (ECHOES) {
            return ECHOES.computeIfAbsent(mode + (component() ? " component" : " core"), k -> Echo.start(mode, component()));
        }
    }

    @Provide
    Arbitrary<Typed> typed() {
        return AbiArbitraries.typedValues(3);
    }

    /** Lists of 4 to 300 elements of shallow types (the random types above keep lists to 10). */
    @Provide
    Arbitrary<Typed> longLists() {
        return AbiArbitraries.types(1).flatMap(t -> t == WitTypes.U8
                ? Arbitraries.bytes().array(byte[].class).ofMinSize(4).ofMaxSize(300)
                        .map(b -> new Typed(WitTypes.list(t), new WitValue.Bytes(b)))
                : AbiArbitraries.values(t).list().ofMinSize(4).ofMaxSize(300)
                        .map(vs -> new Typed(WitTypes.list(t), new WitValue.ListValue(vs))));
    }

    @Provide
    Arbitrary<Float> f32s() {
        return SpecialFloats.floats();
    }

    @Provide
    Arbitrary<Double> f64s() {
        return SpecialFloats.doubles();
    }

    @Property(tries = 300)
    void roundTripThroughTheGuestCompiled(@ForAll("typed") Typed t) {
        roundTrip(echo(EngineMode.COMPILER), t);
    }

    @Property(tries = 100)
    void roundTripThroughTheGuestInterpreted(@ForAll("typed") Typed t) {
        roundTrip(echo(EngineMode.INTERPRETER), t);
    }

    @Property(tries = 60)
    void longListsRoundTripThroughTheGuest(@ForAll("longLists") Typed t) {
        roundTrip(echo(EngineMode.COMPILER), t);
    }

    /**
     * Special floats, checked at every step: the bytes Java stored (a float's own bits, or some NaN), the bytes the guest
     * copied (the same bits: the guest copies bit-exactly), and the value loaded back (a NaN, or the same bits).
     */
    @Property(tries = 300)
    void specialFloatsCrossTheGuest(@ForAll("f32s") float f, @ForAll("f64s") double d, @ForAll("f32s") float g) {
        floatsCrossTheGuest(EngineMode.COMPILER, f, d, g);
    }

    /** Every special value for certain, in both engine modes. */
    @Example
    void everySpecialFloatCrossesTheGuest() {
        int n = SpecialFloats.F32.length;
        for (EngineMode mode : EngineMode.values()) {
            for (int i = 0; i < n; i++) {
                floatsCrossTheGuest(mode, Float.intBitsToFloat(SpecialFloats.F32[i]), Double.longBitsToDouble(SpecialFloats.F64[i]),
                        Float.intBitsToFloat(SpecialFloats.F32[n - 1 - i]));
            }
        }
    }

    private void floatsCrossTheGuest(EngineMode mode, float f, double d, float g) {
        Echo echo = echo(mode);
        echo.reset().call();
        AbiContext cx = echo.instance().abiContext();
        WitType type = WitTypes.tuple(WitTypes.F32, WitTypes.F64, WitTypes.list(WitTypes.F32), WitTypes.option(WitTypes.F64));
        WitValue value = WitValue.TupleValue.of(new WitValue.F32(f), new WitValue.F64(d),
                new WitValue.ListValue(List.of(new WitValue.F32(g), new WitValue.F32(f))), WitValue.OptionValue.some(new WitValue.F64(d)));
        int src = (int) echo.realloc().call(0, 0, 8, CanonicalAbi.size(type))[0];
        CanonicalAbi.store(cx, type, value, src);
        GuestMemory m = cx.memory();
        assertStored(m.readInt(src), f);
        assertStored(m.readLong(src + 8), d);
        assertStored(m.readLong(src + 32), d); // option<f64> at 24: discriminant, then the f64 at +8
        assertStored(m.readInt(m.readInt(src + 16)), g);
        assertStored(m.readInt(m.readInt(src + 16) + 4), f);

        int dst = (int) ((WitValue.U32) echo.copy().call(new WitValue.Str("(4:fd[f?d"),
                new WitValue.U32(Integer.toUnsignedLong(src))).orElseThrow()).value();
        assertThat(m.readInt(dst)).isEqualTo(m.readInt(src));
        assertThat(m.readLong(dst + 8)).isEqualTo(m.readLong(src + 8));
        int list = m.readInt(src + 16);
        int listCopy = m.readInt(dst + 16);
        assertThat(listCopy).isNotEqualTo(list);
        assertThat(m.readBytes(listCopy, 8)).isEqualTo(m.readBytes(list, 8));

        WitValue loaded = CanonicalAbi.load(cx, type, dst);
        assertThat(loaded).isEqualTo(value);
        List<WitValue> parts = ((WitValue.TupleValue) loaded).elements();
        assertSameFloat(((WitValue.F32) parts.get(0)).value(), f);
        assertSameFloat(((WitValue.F64) parts.get(1)).value(), d);
    }

    private static void assertStored(int bits, float f) {
        if (Float.isNaN(f)) {
            assertThat(Float.isNaN(Float.intBitsToFloat(bits))).as("stored 0x%08x for a NaN", bits).isTrue();
        } else {
            assertThat(bits).isEqualTo(Float.floatToRawIntBits(f));
        }
    }

    private static void assertStored(long bits, double d) {
        if (Double.isNaN(d)) {
            assertThat(Double.isNaN(Double.longBitsToDouble(bits))).as("stored 0x%016x for a NaN", bits).isTrue();
        } else {
            assertThat(bits).isEqualTo(Double.doubleToRawLongBits(d));
        }
    }

    private static void assertSameFloat(float actual, float expected) {
        assertThat(Float.isNaN(actual) ? "NaN" : Integer.toHexString(Float.floatToRawIntBits(actual)))
                .isEqualTo(Float.isNaN(expected) ? "NaN" : Integer.toHexString(Float.floatToRawIntBits(expected)));
    }

    private static void assertSameFloat(double actual, double expected) {
        assertThat(Double.isNaN(actual) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(actual)))
                .isEqualTo(Double.isNaN(expected) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(expected)));
    }

    private static void roundTrip(Echo echo, Typed t) {
        echo.reset().call();
        String descriptor = AbiArbitraries.descriptor(t.type());
        AbiContext cx = echo.instance().abiContext();

        long sizeAlign = ((WitValue.U64) echo.sizeAlign().call(new WitValue.Str(descriptor)).orElseThrow()).value();
        int size = CanonicalAbi.size(t.type());
        int align = CanonicalAbi.alignment(t.type());
        assertThat(sizeAlign).as("size-align of %s", descriptor).isEqualTo(((long) size << 32) | align);

        int src = (int) echo.realloc().call(0, 0, align, size)[0];
        CanonicalAbi.store(cx, t.type(), t.value(), src);
        WitValue copied = echo.copy().call(new WitValue.Str(descriptor), new WitValue.U32(Integer.toUnsignedLong(src))).orElseThrow();
        int dst = (int) ((WitValue.U32) copied).value();
        assertThat(dst).isNotEqualTo(src);
        assertThat(CanonicalAbi.load(cx, t.type(), dst)).isEqualTo(t.value());
    }
}
