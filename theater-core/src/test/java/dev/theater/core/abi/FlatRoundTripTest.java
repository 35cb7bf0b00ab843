package dev.theater.core.abi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.abi.AbiArbitraries.Typed;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Pure-Java round trips of random types and values: lower flat then lift flat, and store then load. Values compare with
 * {@code equals}, which for floats is the component model's equality (one NaN, -0.0 distinct from 0.0; see
 * {@link FloatBitsTest}).
 */
class FlatRoundTripTest {

    @Provide
    Arbitrary<Typed> typed() {
        return AbiArbitraries.typedValues(3);
    }

    @Property(tries = 500)
    void lowerFlatThenLiftFlatGivesTheValueBack(@ForAll("typed") Typed t) {
        AbiContext cx = new HeapMemory(1 << 18).context();
        long[] flat = CanonicalAbi.lowerFlat(cx, t.type(), t.value());
        assertThat(flat).hasSize(CanonicalAbi.flatten(t.type()).size());
        assertThat(CanonicalAbi.liftFlat(cx, t.type(), flat)).isEqualTo(t.value());
    }

    @Property(tries = 500)
    void storeThenLoadGivesTheValueBack(@ForAll("typed") Typed t) {
        HeapMemory memory = new HeapMemory(1 << 18);
        AbiContext cx = memory.context();
        int ptr = memory.realloc(0, 0, CanonicalAbi.alignment(t.type()), CanonicalAbi.size(t.type()));
        CanonicalAbi.store(cx, t.type(), t.value(), ptr);
        assertThat(CanonicalAbi.load(cx, t.type(), ptr)).isEqualTo(t.value());
    }
}
