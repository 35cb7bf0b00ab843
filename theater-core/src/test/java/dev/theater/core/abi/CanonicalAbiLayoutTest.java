package dev.theater.core.abi;

import static dev.theater.core.abi.WitTypes.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitType;
import dev.theater.core.engine.CoreType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sizes, alignments and flattenings against the rules of CanonicalABI.md (elem_size, alignment, flatten_type). */
class CanonicalAbiLayoutTest {

    static Stream<Arguments> table() {
        return Stream.of(
                row(BOOL, 1, 1, "i32"),
                row(S8, 1, 1, "i32"),
                row(U16, 2, 2, "i32"),
                row(U32, 4, 4, "i32"),
                row(U64, 8, 8, "i64"),
                row(F32, 4, 4, "f32"),
                row(F64, 8, 8, "f64"),
                row(CHAR, 4, 4, "i32"),
                row(STRING, 8, 4, "i32 i32"),
                row(list(U8), 8, 4, "i32 i32"),
                row(list(tuple(U64, U8)), 8, 4, "i32 i32"),
                row(option(U8), 2, 1, "i32 i32"),
                row(option(U64), 16, 8, "i32 i64"),
                row(option(STRING), 12, 4, "i32 i32 i32"),
                row(option(option(U8)), 3, 1, "i32 i32 i32"),
                row(option(F32), 8, 4, "i32 f32"),
                row(result(null, null), 1, 1, "i32"),
                row(result(null, STRING), 12, 4, "i32 i32 i32"),
                row(result(U32, F32), 8, 4, "i32 i32"),
                row(result(F32, F32), 8, 4, "i32 f32"),
                row(result(U32, U64), 16, 8, "i32 i64"),
                row(result(F64, F32), 16, 8, "i32 i64"),
                row(result(F32, F64), 16, 8, "i32 i64"),
                row(result(tuple(option(list(U8))), STRING), 16, 4, "i32 i32 i32 i32"),
                row(variant(U8, STRING, null), 12, 4, "i32 i32 i32"),
                row(variant(tuple(F32, U32), tuple(U32, F32)), 12, 4, "i32 i32 i32"),
                row(variant(tuple(F32, U8), tuple(F64)), 16, 8, "i32 i64 i32"),
                row(variantOfCases(256, U8), 2, 1, "i32 i32"),
                row(variantOfCases(257, U8), 4, 2, "i32 i32"),
                row(tuple(U8, U32), 8, 4, "i32 i32"),
                row(tuple(U8, U16, U8), 6, 2, "i32 i32 i32"),
                row(record(U8, U64, U8), 24, 8, "i32 i64 i32"),
                row(tuple(U8, F64, STRING), 24, 8, "i32 f64 i32 i32"),
                row(tuple(CHAR, BOOL), 8, 4, "i32 i32"),
                row(enumOf(2), 1, 1, "i32"),
                row(enumOf(256), 1, 1, "i32"),
                row(enumOf(257), 2, 2, "i32"),
                row(flags(1), 1, 1, "i32"),
                row(flags(8), 1, 1, "i32"),
                row(flags(9), 2, 2, "i32"),
                row(flags(17), 4, 4, "i32"),
                row(flags(32), 4, 4, "i32"));
    }

    private static Arguments row(WitType type, int size, int align, String flat) {
        List<CoreType> flatTypes = Arrays.stream(flat.split(" ")).map(s -> CoreType.valueOf(s.toUpperCase())).toList();
        return Arguments.of(type.wit(), type, size, align, flatTypes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void layoutAndFlatteningFollowTheSpec(String name, WitType type, int size, int align, List<CoreType> flat) {
        assertThat(CanonicalAbi.size(type)).as("size").isEqualTo(size);
        assertThat(CanonicalAbi.alignment(type)).as("alignment").isEqualTo(align);
        assertThat(CanonicalAbi.flatten(type)).as("flat").isEqualTo(flat);
    }
}
