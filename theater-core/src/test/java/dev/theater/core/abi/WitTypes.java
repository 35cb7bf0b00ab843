package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitType.Primitive;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Short constructors for WIT types in tests. */
final class WitTypes {

    private WitTypes() {
    }

    static WitType list(WitType t) {
        return new WitType.ListOf(t);
    }

    static WitType option(WitType t) {
        return new WitType.OptionOf(t);
    }

    static WitType result(WitType ok, WitType err) {
        return new WitType.Result(Optional.ofNullable(ok), Optional.ofNullable(err));
    }

    static WitType tuple(WitType... ts) {
        return new WitType.Tuple(List.of(ts));
    }

    static WitType record(WitType... ts) {
        return new WitType.Record("r", IntStream.range(0, ts.length).mapToObj(i -> new WitType.Field("f" + i, ts[i])).toList());
    }

    /** A variant whose case i carries {@code payloads[i]}, or nothing when that is null. */
    static WitType variant(WitType... payloads) {
        return new WitType.Variant("v", IntStream.range(0, payloads.length)
                .mapToObj(i -> new WitType.Case("c" + i, Optional.ofNullable(payloads[i]))).toList());
    }

    static WitType variantOfCases(int n, WitType payload) {
        WitType[] payloads = new WitType[n];
        Arrays.fill(payloads, payload);
        return variant(payloads);
    }

    static WitType enumOf(int n) {
        return new WitType.Enum("e", IntStream.range(0, n).mapToObj(i -> "c" + i).toList());
    }

    static WitType flags(int n) {
        return new WitType.Flags("f", IntStream.range(0, n).mapToObj(i -> "f" + i).toList());
    }

    static final WitType BOOL = Primitive.BOOL;
    static final WitType U8 = Primitive.U8;
    static final WitType U16 = Primitive.U16;
    static final WitType U32 = Primitive.U32;
    static final WitType U64 = Primitive.U64;
    static final WitType S8 = Primitive.S8;
    static final WitType F32 = Primitive.F32;
    static final WitType F64 = Primitive.F64;
    static final WitType CHAR = Primitive.CHAR;
    static final WitType STRING = Primitive.STRING;
}
