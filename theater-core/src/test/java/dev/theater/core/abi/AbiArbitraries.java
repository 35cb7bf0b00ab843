package dev.theater.core.abi;

import dev.theater.testing.SpecialFloats;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitType.Primitive;
import dev.theater.api.wit.WitValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random WIT types of bounded depth, and random values of a given type, for the round-trip properties. Beyond jqwik's
 * defaults: floats include NaNs (canonical and not), ±0, ±∞ and subnormals ({@link SpecialFloats}); lists reach
 * {@link #MAX_LIST} elements; variants and enums of 257, 300 and 65537 cases (2- and 4-byte discriminants) appear,
 * with case indexes biased to 0, 255, 256, 65535, 65536 and the last.
 */
final class AbiArbitraries {

    /** A type with a value of it. */
    record Typed(WitType type, WitValue value) {
        @Override
        public String toString() {
            return type.wit() + " = " + value;
        }
    }

    /** Longest generated list (top level or nested) and {@code list<u8>}. */
    static final int MAX_LIST = 10;
    static final int MAX_BYTES = 64;

    /** Variants and enums with more than 256 cases; built once (the codec cache keeps every type it sees). */
    static final WitType ENUM_300 = WitTypes.enumOf(300);
    static final WitType ENUM_65537 = WitTypes.enumOf(65537);
    static final WitType VARIANT_65537 = wideVariant(65537, Arrays.<WitType>asList(null, Primitive.U16, Primitive.STRING));

    /** Types with 4-byte discriminants, kept out of nesting: a descriptor holds one character per case. */
    static final List<WitType> HUGE = List.of(ENUM_65537, VARIANT_65537, WitTypes.list(VARIANT_65537),
            WitTypes.tuple(Primitive.U8, ENUM_65537), WitTypes.option(VARIANT_65537));

    private AbiArbitraries() {
    }

    /** A variant of {@code n} cases whose case i carries {@code payloads[i % payloads.size()]} (null: nothing). */
    static WitType wideVariant(int n, List<WitType> payloads) {
        return WitTypes.variant(IntStream.range(0, n).mapToObj(i -> payloads.get(i % payloads.size())).toArray(WitType[]::new));
    }

    /** A case index below {@code n}, often one where the discriminant's width matters. */
    static Arbitrary<Integer> caseIndex(int n) {
        List<Integer> edges = Stream.of(0, 255, 256, 65535, 65536, n - 1).filter(i -> i < n).distinct().toList();
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(edges)),
                Tuple.of(2, Arbitraries.integers().between(0, n - 1)));
    }

    /** A type of at most {@code depth} levels and a value of it; now and then one of the 65537-case types. */
    static Arbitrary<Typed> typedValues(int depth) {
        Arbitrary<WitType> types = Arbitraries.frequencyOf(Tuple.of(30, types(depth)), Tuple.of(1, Arbitraries.of(HUGE)));
        return types.flatMap(t -> values(t).map(v -> new Typed(t, v)));
    }

    static Arbitrary<WitType> types(int depth) {
        return types(depth, true);
    }

    /**
     * Types of at most {@code depth} levels; with {@code wide}, variants of 257 or 300 cases among them, whose payloads
     * are never wide themselves (300 cases of 300 cases would make descriptors and codecs explode).
     */
    private static Arbitrary<WitType> types(int depth, boolean wide) {
        Arbitrary<WitType> leaf = leafTypes();
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<WitType> inner = types(depth - 1, wide);
        Arbitrary<WitType> nullable = inner.injectNull(0.3);
        List<Tuple.Tuple2<Integer, Arbitrary<WitType>>> choices = new ArrayList<>(List.of(
                Tuple.of(4, leaf),
                Tuple.of(1, inner.map(WitTypes::list)),
                Tuple.of(1, inner.map(WitTypes::option)),
                Tuple.of(1, Combinators.combine(nullable, nullable).as(WitTypes::result)),
                Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(4).map(l -> WitTypes.tuple(l.toArray(WitType[]::new)))),
                Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(4).map(l -> WitTypes.record(l.toArray(WitType[]::new)))),
                Tuple.of(1, nullable.list().ofMinSize(1).ofMaxSize(4).map(l -> WitTypes.variant(l.toArray(WitType[]::new))))));
        if (wide) {
            Arbitrary<WitType> narrow = types(depth - 1, false).injectNull(0.3);
            choices.add(Tuple.of(1, Combinators.combine(Arbitraries.of(257, 300), narrow.list().ofMinSize(1).ofMaxSize(3))
                    .as(AbiArbitraries::wideVariant)));
        }
        return Arbitraries.frequencyOf(choices);
    }

    private static Arbitrary<WitType> leafTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(Primitive.values()).map(p -> (WitType) p)),
                Tuple.of(1, Arbitraries.integers().between(1, 5).map(WitTypes::enumOf)),
                Tuple.of(1, Arbitraries.of(1, 8, 9, 16, 17, 32).map(WitTypes::flags)),
                Tuple.of(1, Arbitraries.just(ENUM_300)));
    }

    static Arbitrary<WitValue> values(WitType type) {
        return switch (type) {
            case Primitive p -> primitive(p);
            case WitType.ListOf l when l.element() == Primitive.U8 ->
                    Arbitraries.bytes().array(byte[].class).ofMaxSize(MAX_BYTES).map(WitValue.Bytes::new);
            case WitType.ListOf l -> values(l.element()).list().ofMaxSize(MAX_LIST).map(WitValue.ListValue::new);
            case WitType.OptionOf o -> values(o.some()).injectNull(0.3)
                    .map(v -> new WitValue.OptionValue(Optional.ofNullable(v)));
            case WitType.Result r -> Arbitraries.oneOf(side(r.ok(), true), side(r.err(), false));
            case WitType.Tuple t -> Combinators.combine(t.elements().stream().map(AbiArbitraries::values).toList())
                    .as(WitValue.TupleValue::new);
            case WitType.Record r -> Combinators.combine(r.fields().stream().map(f -> values(f.type())).toList())
                    .as(WitValue.RecordValue::new);
            case WitType.Variant v -> caseIndex(v.cases().size()).flatMap(i ->
                    v.cases().get(i).payload()
                            .map(p -> values(p).map(x -> (WitValue) new WitValue.VariantValue(i, Optional.of(x))))
                            .orElse(Arbitraries.just(new WitValue.VariantValue(i, Optional.empty()))));
            case WitType.Enum e -> caseIndex(e.cases().size()).map(WitValue.EnumValue::new);
            case WitType.Flags f -> Arbitraries.integers()
                    .map(bits -> new WitValue.FlagsValue(f.flags().size() == 32 ? bits : bits & ((1 << f.flags().size()) - 1)));
        };
    }

    private static Arbitrary<WitValue> side(Optional<WitType> type, boolean ok) {
        return type.map(t -> values(t).map(v -> (WitValue) new WitValue.ResultValue(ok, Optional.of(v))))
                .orElse(Arbitraries.just(new WitValue.ResultValue(ok, Optional.empty())));
    }

    private static Arbitrary<Integer> scalarValues() {
        return Arbitraries.integers().between(0, 0x10FFFF).filter(c -> c < 0xD800 || c > 0xDFFF);
    }

    private static Arbitrary<WitValue> primitive(Primitive p) {
        return switch (p) {
            case BOOL -> Arbitraries.of(true, false).map(WitValue.Bool::new);
            case S8 -> Arbitraries.bytes().map(WitValue.S8::new);
            case U8 -> Arbitraries.integers().between(0, 0xFF).map(WitValue.U8::new);
            case S16 -> Arbitraries.shorts().map(WitValue.S16::new);
            case U16 -> Arbitraries.integers().between(0, 0xFFFF).map(WitValue.U16::new);
            case S32 -> Arbitraries.integers().map(WitValue.S32::new);
            case U32 -> Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(WitValue.U32::new);
            case S64 -> Arbitraries.longs().map(WitValue.S64::new);
            case U64 -> Arbitraries.longs().map(WitValue.U64::new);
            case F32 -> SpecialFloats.floats().map(WitValue.F32::new);
            case F64 -> SpecialFloats.doubles().map(WitValue.F64::new);
            case CHAR -> scalarValues().map(WitValue.Char::new);
            case STRING -> Arbitraries.oneOf(
                    Arbitraries.strings().ascii().ofMaxLength(12),
                    scalarValues().list().ofMaxSize(8).map(cps -> new String(cps.stream().mapToInt(i -> i).toArray(), 0, cps.size())))
                    .map(WitValue.Str::new);
        };
    }

    /** The echo guest's descriptor of {@code type} (see test-actors/README.md). */
    static String descriptor(WitType type) {
        return switch (type) {
            case Primitive p -> switch (p) {
                case BOOL -> "z"; case S8 -> "b"; case U8 -> "B"; case S16 -> "h"; case U16 -> "H";
                case S32 -> "i"; case U32 -> "I"; case S64 -> "l"; case U64 -> "L"; case F32 -> "f";
                case F64 -> "d"; case CHAR -> "c"; case STRING -> "s";
            };
            case WitType.ListOf l -> "[" + descriptor(l.element());
            case WitType.OptionOf o -> "?" + descriptor(o.some());
            case WitType.Result r -> "r" + r.ok().map(AbiArbitraries::descriptor).orElse("_")
                    + r.err().map(AbiArbitraries::descriptor).orElse("_");
            case WitType.Tuple t -> "(" + t.elements().size() + ":" + join(t.elements());
            case WitType.Record r -> "(" + r.fields().size() + ":" + join(r.fields().stream().map(WitType.Field::type).toList());
            case WitType.Variant v -> "<" + v.cases().size() + ":" + String.join("", v.cases().stream()
                    .map(c -> c.payload().map(AbiArbitraries::descriptor).orElse("_")).toList());
            case WitType.Enum e -> "e" + e.cases().size() + ":";
            case WitType.Flags f -> "F" + f.flags().size() + ":";
        };
    }

    private static String join(List<WitType> types) {
        return String.join("", types.stream().map(AbiArbitraries::descriptor).toList());
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }
}
