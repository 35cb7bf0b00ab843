package dev.theater.core.abi.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Char;
import dev.theater.api.wit.WitValue.EnumValue;
import dev.theater.api.wit.WitValue.F32;
import dev.theater.api.wit.WitValue.F64;
import dev.theater.api.wit.WitValue.FlagsValue;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U32;
import dev.theater.api.wit.WitValue.U64;
import dev.theater.api.wit.WitValue.VariantValue;
import dev.theater.core.EngineMode;
import dev.theater.core.engine.CompiledModule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every export and import of the kitchen-sink guest, with the exact values of test-actors/README.md. */
class KitchenSinkTest {

    static final WitInterface HOST = TestGuests.wit("kitchen-sink").requireInterface("kitchen-host");
    static final WitInterface KITCHEN = TestGuests.wit("kitchen-sink").requireInterface("kitchen");

    static final WitValue BOX = item("Box-é", List.of("a", "bb", "ccc"), 4294967295L, 1.5, 2, 0x109, 'é',
            OptionValue.some(ResultValue.ok(new U32(7))));
    static final WitValue BOX_BUMPED = item("BOX-é", List.of("ccc", "bb", "a"), 0, 3.0, 0, 0x2F6, 0xEA,
            OptionValue.some(ResultValue.ok(new U32(8))));
    static final WitValue SMILE = item("", List.of(), 0, -0.0, 0, 0, 0x1F600, OptionValue.some(ResultValue.err(new Str("x"))));
    static final WitValue SMILE_BUMPED = item("", List.of(), 1, -0.0, 1, 0x3FF, 0x1F601, OptionValue.none());

    private final List<List<WitValue>> calls = new ArrayList<>();
    private final Deque<WitValue> replies = new ArrayDeque<>();

    static WitValue item(String name, List<String> tags, long count, double weight, int color, int perms, int initial,
                         WitValue extra) {
        return RecordValue.of(new Str(name), new ListValue(tags.stream().map(t -> (WitValue) new Str(t)).toList()),
                new U32(count), new F64(weight), new EnumValue(color), new FlagsValue(perms), new Char(initial), extra);
    }

    /** The guest under test: the core module here, its component form in {@link KitchenSinkComponentTest}. */
    CompiledModule guest(EngineMode mode) {
        return TestGuests.module(mode, "kitchen-sink");
    }

    private WitInstance start(EngineMode mode) {
        WitLinker linker = WitLinker.forModule(guest(mode)).withInterface(KITCHEN);
        for (String fn : List.of("ints", "many", "pick", "items", "describe")) {
            linker.define(HOST, fn, (ctx, args) -> {
                calls.add(args);
                return fn.equals("ints") ? Optional.of(new TupleValue(args)) : Optional.of(replies.removeFirst());
            });
        }
        return linker.instantiate();
    }

    private static Optional<WitValue> str(String s) {
        return Optional.of(new Str(s));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void summarize(EngineMode mode) {
        WitInstance k = start(mode);
        assertThat(k.call(KITCHEN, "summarize", List.of(BOX))).isEqualTo(str("name=Box-é;tags=[a,bb,ccc];count=4294967295;"
                + "weight=0x3ff8000000000000;color=blue;perms={read|admin|rename};initial=é(U+00E9);extra=ok(7)"));
        assertThat(k.call(KITCHEN, "summarize", List.of(SMILE))).isEqualTo(str("name=;tags=[];count=0;"
                + "weight=0x8000000000000000;color=red;perms={};initial=😀(U+1F600);extra=err(x)"));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void bump(EngineMode mode) {
        WitInstance k = start(mode);
        assertThat(k.call(KITCHEN, "bump", List.of(BOX))).contains(BOX_BUMPED);
        assertThat(k.call(KITCHEN, "bump", List.of(SMILE))).contains(SMILE_BUMPED);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void edgesPassIntegersThroughAReturnPointer(EngineMode mode) {
        WitInstance k = start(mode);
        assertThat(k.call(KITCHEN, "edges", List.of())).contains(TupleValue.of(new WitValue.S8((byte) -1), new WitValue.U8(255),
                new WitValue.S16((short) -1), new WitValue.U16(65535), new WitValue.S64(-1), new U64(-1)));
        assertThat(calls).containsExactly(
                List.of(new WitValue.S8((byte) -128), new WitValue.U8(255), new WitValue.S16((short) -32768),
                        new WitValue.U16(65535), new WitValue.S64(Long.MIN_VALUE), new U64(-1)),
                List.of(new WitValue.S8((byte) 127), new WitValue.U8(0), new WitValue.S16((short) 32767),
                        new WitValue.U16(0), new WitValue.S64(Long.MAX_VALUE), new U64(0)));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void callManyReadsSpilledImportParams(EngineMode mode) {
        WitInstance k = start(mode);
        replies.add(new U64(41));
        assertThat(k.call(KITCHEN, "call-many", List.of())).contains(new U64(42));
        assertThat(calls).containsExactly(List.of(new WitValue.S32(Integer.MIN_VALUE), new WitValue.S64(Long.MAX_VALUE),
                new F32(-1.5f), new F64(0.1), new Str("héllo"), new WitValue.U8(200), new WitValue.S16((short) -300),
                new Char(0x20AC), new WitValue.Bool(true), new Str("😀"), new U64(Long.parseUnsignedLong("12345678901234567890")),
                new F32(Float.POSITIVE_INFINITY), new F64(-0.0), new U32(4000000000L), new Str(""), new WitValue.S8((byte) -7)));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void spillPassesParamsThroughGuestMemory(EngineMode mode) {
        WitInstance k = start(mode);
        replies.add(new U64(41));
        List<WitValue> args = List.of(new WitValue.S32(-5), new WitValue.S64(Long.MIN_VALUE), new F32(0.5f), new F64(-2.0),
                new Str("E"), new WitValue.U8(255), new WitValue.S16((short) -32768), new Char(0x1F600), new WitValue.Bool(false),
                new Str("jé"), new U64(-1), new F32(Float.intBitsToFloat(0x7fc00000)), new F64(Double.POSITIVE_INFINITY),
                new U32(0), new Str(""), new WitValue.S8((byte) 127));
        assertThat(k.call(KITCHEN, "spill", args)).isEqualTo(str("-5,-9223372036854775808,0x3f000000,0xc000000000000000,E,255,"
                + "-32768,😀,false,jé,18446744073709551615,0x7fc00000,0x7ff0000000000000,0,,127;host=41"));
        assertThat(calls).containsExactly(args);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void pickAllLowersVariantsAndOptionsIntoReturnPointers(EngineMode mode) {
        WitInstance k = start(mode);
        replies.addAll(List.of(OptionValue.some(ResultValue.ok(new U32(41))), OptionValue.none(),
                OptionValue.some(ResultValue.err(new Str("bad ünï✓"))), OptionValue.some(ResultValue.ok(new U32(4294967295L)))));
        assertThat(k.call(KITCHEN, "pick-all", List.of())).contains(new ListValue(List.of(
                OptionValue.some(ResultValue.ok(new U32(42))), OptionValue.none(),
                OptionValue.some(ResultValue.err(new Str("E:bad ünï✓"))), OptionValue.some(ResultValue.ok(new U32(0))))));
        assertThat(calls).containsExactly(
                List.of(new EnumValue(2), new FlagsValue(0x109), new VariantValue(0, Optional.of(new F32(1.5f)))),
                List.of(new EnumValue(1), new FlagsValue(0), new VariantValue(1, Optional.of(TupleValue.of(new F32(2.5f), new F32(-0.0f))))),
                List.of(new EnumValue(0), new FlagsValue(0x3FF), new VariantValue(2, Optional.of(new Str("ünï✓")))),
                List.of(new EnumValue(2), new FlagsValue(0x4), new VariantValue(3, Optional.empty())));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void reshapeListsOfVariants(EngineMode mode) {
        WitInstance k = start(mode);
        List<WitValue> shapes = List.of(new VariantValue(0, Optional.of(new F32(1.25f))),
                new VariantValue(1, Optional.of(TupleValue.of(new F32(3), new F32(4)))),
                new VariantValue(2, Optional.of(new Str("hi"))), new VariantValue(3, Optional.empty()));
        assertThat(k.call(KITCHEN, "reshape", List.of(new ListValue(shapes)))).contains(new ListValue(List.of(
                new VariantValue(2, Optional.of(new Str("empty"))), new VariantValue(2, Optional.of(new Str("hi!"))),
                new VariantValue(1, Optional.of(TupleValue.of(new F32(4), new F32(3)))),
                new VariantValue(0, Optional.of(new F32(2.5f))))));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void fetchLowersAListOfRecordsIntoGuestMemory(EngineMode mode) {
        WitInstance k = start(mode);
        replies.add(new ListValue(List.of(BOX, SMILE)));
        assertThat(k.call(KITCHEN, "fetch", List.of(new U32(2)))).contains(new ListValue(List.of(SMILE_BUMPED, BOX_BUMPED)));
        assertThat(calls).containsExactly(List.of(new U32(2)));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void relayLiftsARecordFromFlatImportParams(EngineMode mode) {
        WitInstance k = start(mode);
        replies.add(new Str("described Box-é"));
        assertThat(k.call(KITCHEN, "relay", List.of(BOX))).isEqualTo(str("host:described Box-é"));
        assertThat(calls).containsExactly(List.of(BOX));
    }
}
