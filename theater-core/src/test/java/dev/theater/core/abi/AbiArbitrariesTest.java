package dev.theater.core.abi;

import dev.theater.testing.SpecialFloats;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.AbiArbitraries.Typed;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;

/** The generators of the round-trip properties reach the values jqwik's defaults never give (a fixed seed; an @Example
 * because jqwik generators run only on jqwik's threads). */
class AbiArbitrariesTest {

    @Example
    void typedValuesReachSpecialFloatsLongListsAndWideDiscriminants() {
        RandomGenerator<Typed> generator = AbiArbitraries.typedValues(3).generator(1000);
        Random random = new Random(42);
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < 3000; i++) {
            Typed t = generator.next(random).value();
            walk(t.type(), t.value(), seen);
        }
        assertThat(seen).contains(
                "f32 NaN 7fc00000", "f32 other NaN", "f32 -0", "f32 +inf", "f32 -inf", "f32 subnormal",
                "f64 NaN 7ff8000000000000", "f64 other NaN", "f64 -0", "f64 +inf", "f64 -inf", "f64 subnormal",
                "list of " + AbiArbitraries.MAX_LIST, "bytes of " + AbiArbitraries.MAX_BYTES,
                "variant of 300 case 255", "variant of 300 case 256", "variant of 300 case 299",
                "variant of 257 case 256", "variant of 65537 case 65536",
                "enum of 300 case 256", "enum of 300 case 299", "enum of 65537 case 65536");
    }

    private static void walk(WitType type, WitValue value, Set<String> seen) {
        switch (value) {
            case WitValue.F32(float f) -> seen.add("f32 " + kind(Float.floatToRawIntBits(f) == 0x7fc00000, Float.isNaN(f),
                    Float.floatToRawIntBits(f) == 0x80000000, f, f != 0 && Math.abs(f) < Float.MIN_NORMAL, "7fc00000"));
            case WitValue.F64(double d) -> seen.add("f64 " + kind(Double.doubleToRawLongBits(d) == 0x7ff8000000000000L,
                    Double.isNaN(d), Double.doubleToRawLongBits(d) == 0x8000000000000000L, d,
                    d != 0 && Math.abs(d) < Double.MIN_NORMAL, "7ff8000000000000"));
            case WitValue.Bytes b -> seen.add("bytes of " + b.value().length);
            case WitValue.ListValue l -> {
                seen.add("list of " + l.elements().size());
                l.elements().forEach(e -> walk(((WitType.ListOf) type).element(), e, seen));
            }
            case WitValue.OptionValue o -> o.value().ifPresent(v -> walk(((WitType.OptionOf) type).some(), v, seen));
            case WitValue.ResultValue r -> r.payload().ifPresent(v -> walk(
                    (r.ok() ? ((WitType.Result) type).ok() : ((WitType.Result) type).err()).orElseThrow(), v, seen));
            case WitValue.TupleValue t -> {
                for (int i = 0; i < t.elements().size(); i++) {
                    walk(((WitType.Tuple) type).elements().get(i), t.elements().get(i), seen);
                }
            }
            case WitValue.RecordValue r -> {
                for (int i = 0; i < r.fields().size(); i++) {
                    walk(((WitType.Record) type).fields().get(i).type(), r.fields().get(i), seen);
                }
            }
            case WitValue.VariantValue v -> {
                WitType.Variant variant = (WitType.Variant) type;
                seen.add("variant of " + variant.cases().size() + " case " + v.caseIndex());
                v.payload().ifPresent(p -> walk(variant.cases().get(v.caseIndex()).payload().orElseThrow(), p, seen));
            }
            case WitValue.EnumValue e -> seen.add("enum of " + ((WitType.Enum) type).cases().size() + " case " + e.caseIndex());
            default -> {
            }
        }
    }

    private static String kind(boolean canonicalNan, boolean nan, boolean minusZero, double value, boolean subnormal,
                               String canonical) {
        if (canonicalNan) {
            return "NaN " + canonical;
        }
        if (nan) {
            return "other NaN";
        }
        if (minusZero) {
            return "-0";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+inf" : "-inf";
        }
        return subnormal ? "subnormal" : "finite";
    }
}
