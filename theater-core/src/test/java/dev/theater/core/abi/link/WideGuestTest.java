package dev.theater.core.abi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.EnumValue;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U32;
import dev.theater.api.wit.WitValue.U8;
import dev.theater.api.wit.WitValue.VariantValue;
import dev.theater.core.AbiException;
import dev.theater.core.abi.CanonicalAbi;
import dev.theater.core.engine.CoreType;
import dev.theater.core.EngineMode;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.WasmTrapException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An enum and a variant of 300 cases cross the wide guest (test-actors/README.md, "wide"): the host lowers them with
 * u16 discriminants in memory (i32 when flat), C code that knows the layout reads, echoes or builds them, and the host
 * lifts them back. Cases 0 and 255 fit a byte; 256 and 299 (the last) need the second one.
 */
class WideGuestTest {

    static final WitInterface WIDE = TestGuests.wit("wide").requireInterface("wide");
    static final List<Integer> EDGES = List.of(0, 255, 256, 299);

    /** Case {@code c} of big-variant: odd cases carry {@code payload} as a u8, even cases nothing. */
    static VariantValue variant(int c, int payload) {
        return new VariantValue(c, c % 2 == 1 ? Optional.of(new U8(payload)) : Optional.empty());
    }

    static final List<WitValue> VARIANTS = List.of(variant(0, 0), variant(255, 7), variant(256, 0), variant(299, 255),
            variant(257, 1), variant(254, 0));
    static final List<WitValue> ENUMS = List.of(new EnumValue(0), new EnumValue(255), new EnumValue(256), new EnumValue(299),
            new EnumValue(1));

    /** The guest under test: the core module here, its component form in {@link WideGuestComponentTest}. */
    CompiledModule guest(EngineMode mode) {
        return TestGuests.module(mode, "wide");
    }

    private WitInstance start(EngineMode mode) {
        return WitLinker.forModule(guest(mode)).withInterface(WIDE).instantiate();
    }

    @Test
    void theWitDeclaresThreeHundredCasesWithTwoByteLayouts() {
        WitType bigEnum = WIDE.types().get("big-enum");
        WitType bigVariant = WIDE.types().get("big-variant");
        List<String> names = IntStream.range(0, 300).mapToObj(i -> "c" + i).toList();

        assertThat(bigEnum).isEqualTo(new WitType.Enum("big-enum", names));
        assertThat(bigVariant).isEqualTo(new WitType.Variant("big-variant", IntStream.range(0, 300)
                .mapToObj(i -> new WitType.Case("c" + i, i % 2 == 1 ? Optional.of(WitType.Primitive.U8) : Optional.empty()))
                .toList()));
        assertThat(List.of(CanonicalAbi.size(bigEnum), CanonicalAbi.alignment(bigEnum))).containsExactly(2, 2);
        assertThat(List.of(CanonicalAbi.size(bigVariant), CanonicalAbi.alignment(bigVariant))).containsExactly(4, 2);
        assertThat(CanonicalAbi.flatten(bigVariant)).containsExactly(CoreType.I32, CoreType.I32);
        WitType made = WIDE.function("make").orElseThrow().result().orElseThrow();
        assertThat(List.of(CanonicalAbi.size(made), CanonicalAbi.alignment(made))).containsExactly(6, 2);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void enumsRoundTripFlat(EngineMode mode) {
        WitInstance wide = start(mode);
        for (int c : EDGES) {
            assertThat(wide.call(WIDE, "echo-enum", List.of(new EnumValue(c)))).as("case %d", c).contains(new EnumValue(c));
        }
    }

    /** Flat params (i32 discriminant, i32 payload) in; the result comes back through memory with a u16 discriminant. */
    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void variantsRoundTripFlatInAndThroughMemoryOut(EngineMode mode) {
        WitInstance wide = start(mode);
        for (WitValue v : VARIANTS) {
            assertThat(wide.call(WIDE, "echo-variant", List.of(v))).contains(v);
        }
    }

    /** Lists are stored by the host, copied element by element by the guest, and loaded back. */
    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void listsRoundTripThroughMemory(EngineMode mode) {
        WitInstance wide = start(mode);
        assertThat(wide.call(WIDE, "echo-lists", List.of(new ListValue(VARIANTS), new ListValue(ENUMS))))
                .contains(TupleValue.of(new ListValue(VARIANTS), new ListValue(ENUMS)));
        assertThat(wide.call(WIDE, "echo-lists", List.of(new ListValue(List.of()), new ListValue(List.of()))))
                .contains(TupleValue.of(new ListValue(List.of()), new ListValue(List.of())));
    }

    /** What the guest reads from the host's lists are the cases the host meant: u16s at the spec's offsets. */
    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void theGuestReadsTheCasesTheHostStored(EngineMode mode) {
        WitInstance wide = start(mode);
        assertThat(wide.call(WIDE, "inspect", List.of(new ListValue(VARIANTS), new ListValue(ENUMS))))
                .contains(new Str("v=[c0,c255(7),c256,c299(255),c257(1),c254] e=[c0,c255,c256,c299,c1]"));
        assertThat(wide.call(WIDE, "inspect", List.of(new ListValue(List.of()), new ListValue(List.of()))))
                .contains(new Str("v=[] e=[]"));
    }

    /** Values the guest builds in memory lift to the cases it meant. */
    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void theHostLiftsTheCasesTheGuestBuilt(EngineMode mode) {
        WitInstance wide = start(mode);
        for (int c : EDGES) {
            assertThat(wide.call(WIDE, "make", List.of(new U32(c), new U8(200))))
                    .as("case %d", c).contains(TupleValue.of(variant(c, 200), new EnumValue(c)));
        }
    }

    @Test
    void aCaseBeyondTheLastIsRefusedBeforeTheCall() {
        WitInstance wide = start(EngineMode.INTERPRETER);
        String file = guest(EngineMode.INTERPRETER).sourceName();
        assertThatThrownBy(() -> wide.call(WIDE, "echo-enum", List.of(new EnumValue(300))))
                .isInstanceOf(AbiException.class)
                .hasMessage(file + ": export 'theater:test/wide#echo-enum': cannot lower big-enum:"
                        + " got EnumValue[caseIndex=300]");
        assertThatThrownBy(() -> wide.call(WIDE, "echo-variant", List.of(new VariantValue(300, Optional.empty()))))
                .isInstanceOf(AbiException.class)
                .hasMessage(file + ": export 'theater:test/wide#echo-variant': cannot lower big-variant:"
                        + " case 300 does not exist (300 cases): VariantValue[caseIndex=300, payload=Optional.empty]");
    }

    /** The guest checks what it reads, so a host that stored a wrong discriminant would not see its value echoed. */
    @Test
    void theGuestTrapsOnACaseBeyondTheLast() {
        WitInstance wide = start(EngineMode.INTERPRETER);
        assertThat(Arrays.stream(new int[] {299, 300}).mapToObj(c -> {
            try {
                return Long.toString(wide.core().export("theater:test/wide#echo-enum").call(c)[0]);
            } catch (WasmTrapException e) {
                return "trap";
            }
        }).toList()).containsExactly("299", "trap");
    }
}
