package dev.theater.core.abi.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.F32;
import dev.theater.api.wit.WitValue.F64;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.U64;
import dev.theater.testing.SpecialFloats;
import dev.theater.core.EngineMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * NaNs, ±0, ±∞ and subnormals through kitchen-sink, whose C code prints raw float bits (test-actors/README.md): the
 * f64 of an item lowered flat (summarize), lifted flat from an import's params (relay), doubled by the guest (bump),
 * and f32/f64 params spilled to memory (spill). A NaN may arrive with other bits (CanonicalABI.md lets lowering pick
 * any NaN); every other value must arrive with exactly its own.
 */
class KitchenSinkFloatsTest {

    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]+)");

    private final List<List<WitValue>> calls = new ArrayList<>();
    private final Map<EngineMode, WitInstance> instances = new EnumMap<>(EngineMode.class);

    private WitInstance kitchen(EngineMode mode) {
        return instances.computeIfAbsent(mode, m -> {
            WitLinker linker = WitLinker.forModule(TestGuests.module(m, "kitchen-sink")).withInterface(KitchenSinkTest.KITCHEN);
            for (String fn : List.of("ints", "many", "pick", "items")) {
                linker.define(KitchenSinkTest.HOST, fn, (ctx, args) -> Optional.of(new U64(41)));
            }
            linker.define(KitchenSinkTest.HOST, "describe", (ctx, args) -> {
                calls.add(args);
                return Optional.of(new Str("d"));
            });
            return linker.instantiate();
        });
    }

    @Provide
    Arbitrary<Float> f32s() {
        return SpecialFloats.floats();
    }

    @Provide
    Arbitrary<Double> f64s() {
        return SpecialFloats.doubles();
    }

    private static WitValue item(double weight) {
        return KitchenSinkTest.item("w", List.of(), 3, weight, 1, 0, 'w', OptionValue.none());
    }

    @Property(tries = 150)
    void anItemsF64CrossesFlatBothWays(@ForAll("f64s") double w, @ForAll boolean interpreted) {
        itemF64CrossesFlatBothWays(interpreted ? EngineMode.INTERPRETER : EngineMode.COMPILER, w);
    }

    @Property(tries = 150)
    void spilledF32AndF64ParamsArriveInMemory(@ForAll("f32s") float c, @ForAll("f64s") double d,
                                              @ForAll("f32s") float l, @ForAll("f64s") double m) {
        spilledFloatsArrive(EngineMode.COMPILER, c, d, l, m);
    }

    /** Every special value for certain, in both engine modes (the properties above draw them only now and then). */
    @Example
    void everySpecialValueCrosses() {
        int n = SpecialFloats.F64.length;
        for (EngineMode mode : EngineMode.values()) {
            for (int i = 0; i < n; i++) {
                itemF64CrossesFlatBothWays(mode, Double.longBitsToDouble(SpecialFloats.F64[i]));
                spilledFloatsArrive(mode, Float.intBitsToFloat(SpecialFloats.F32[i]), Double.longBitsToDouble(SpecialFloats.F64[i]),
                        Float.intBitsToFloat(SpecialFloats.F32[n - 1 - i]), Double.longBitsToDouble(SpecialFloats.F64[n - 1 - i]));
            }
        }
    }

    private void itemF64CrossesFlatBothWays(EngineMode mode, double w) {
        WitInstance k = kitchen(mode);

        String summary = ((Str) k.call(KitchenSinkTest.KITCHEN, "summarize", List.of(item(w))).orElseThrow()).value();
        Matcher m = HEX.matcher(summary.substring(summary.indexOf(";weight=")));
        assertThat(m.find()).as(summary).isTrue();
        assertArrived(Long.parseUnsignedLong(m.group(1), 16), w);

        // the guest computes weight * 2.0 in wasm; IEEE says what that is, and Java computes the same
        assertThat(k.call(KitchenSinkTest.KITCHEN, "bump", List.of(item(w))).orElseThrow())
                .isEqualTo(KitchenSinkTest.item("W", List.of(), 4, w * 2.0, 2, 0x3FF, 'x',
                        OptionValue.some(WitValue.ResultValue.ok(new WitValue.U32(0)))));

        calls.clear();
        k.call(KitchenSinkTest.KITCHEN, "relay", List.of(item(w)));
        double relayed = ((F64) ((WitValue.RecordValue) calls.getFirst().getFirst()).fields().get(3)).value();
        assertSameFloat(relayed, w);
    }

    private void spilledFloatsArrive(EngineMode mode, float c, double d, float l, double m) {
        List<WitValue> args = List.of(new WitValue.S32(1), new WitValue.S64(2), new F32(c), new F64(d), new Str(""),
                new WitValue.U8(3), new WitValue.S16((short) 4), new WitValue.Char('5'), new WitValue.Bool(true), new Str(""),
                new U64(6), new F32(l), new F64(m), new WitValue.U32(7), new Str(""), new WitValue.S8((byte) 8));

        String text = ((Str) kitchen(mode).call(KitchenSinkTest.KITCHEN, "spill", args).orElseThrow()).value();
        String[] fields = text.substring(0, text.indexOf(";host=")).split(",", -1);
        assertArrived((int) Long.parseLong(fields[2].substring(2), 16), c);
        assertArrived(Long.parseUnsignedLong(fields[3].substring(2), 16), d);
        assertArrived((int) Long.parseLong(fields[11].substring(2), 16), l);
        assertArrived(Long.parseUnsignedLong(fields[12].substring(2), 16), m);
    }

    private static void assertArrived(long bits, double sent) {
        if (Double.isNaN(sent)) {
            assertThat(Double.isNaN(Double.longBitsToDouble(bits))).as("0x%016x for a NaN", bits).isTrue();
        } else {
            assertThat(bits).as("bits of %s", sent).isEqualTo(Double.doubleToRawLongBits(sent));
        }
    }

    private static void assertArrived(int bits, float sent) {
        if (Float.isNaN(sent)) {
            assertThat(Float.isNaN(Float.intBitsToFloat(bits))).as("0x%08x for a NaN", bits).isTrue();
        } else {
            assertThat(bits).as("bits of %s", sent).isEqualTo(Float.floatToRawIntBits(sent));
        }
    }

    private static void assertSameFloat(double actual, double expected) {
        assertThat(Double.isNaN(actual) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(actual)))
                .isEqualTo(Double.isNaN(expected) ? "NaN" : Long.toHexString(Double.doubleToRawLongBits(expected)));
    }
}
