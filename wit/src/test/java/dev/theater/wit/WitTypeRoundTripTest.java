package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitType;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any anonymous WIT type, parsing its {@link WitType#wit()} text gives the same type back. */
class WitTypeRoundTripTest {

    @Property(tries = 300)
    void witTextParsesBackToTheSameType(@ForAll("types") WitType type) {
        WitPackage p = WitParser.parse(Map.of("p.wit", "package p:q;\ninterface i { type t = " + type.wit() + "; }"));
        assertThat(p.requireInterface("i").types().get("t")).isEqualTo(type);
    }

    @Provide
    Arbitrary<WitType> types() {
        return type(4);
    }

    private Arbitrary<WitType> type(int depth) {
        Arbitrary<WitType> prim = Arbitraries.of(WitType.Primitive.class).map(t -> t);
        if (depth == 0) {
            return prim;
        }
        Arbitrary<WitType> inner = Arbitraries.lazy(() -> type(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, prim),
                net.jqwik.api.Tuple.of(1, inner.map(WitType.ListOf::new)),
                net.jqwik.api.Tuple.of(1, inner.map(WitType.OptionOf::new)),
                net.jqwik.api.Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(4).map(WitType.Tuple::new)),
                net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(inner.optional(), inner.optional())
                        .as((Optional<WitType> ok, Optional<WitType> err) -> new WitType.Result(ok, err))));
    }
}
