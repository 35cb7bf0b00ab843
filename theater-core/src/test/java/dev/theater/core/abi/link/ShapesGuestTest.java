package dev.theater.core.abi.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.core.EngineMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The runtime-shaped guest: state threading through handle-send and init, host imports log and send. */
class ShapesGuestTest {

    static final WitInterface RUNTIME = TestGuests.simple("runtime");
    static final WitInterface MESSAGES = TestGuests.simple("message-server-host");
    static final WitInterface ACTOR = TestGuests.simple("actor");
    static final WitInterface CLIENT = TestGuests.simple("message-server-client");
    static final WitInterface SHAPES = TestGuests.wit("shapes").requireInterface("shapes");

    private final List<String> logs = new ArrayList<>();
    private final List<List<WitValue>> sends = new ArrayList<>();
    private ResultValue sendAnswer = ResultValue.okEmpty();

    private WitInstance start(EngineMode mode) {
        return WitLinker.forModule(TestGuests.module(mode, "shapes"))
                .define(RUNTIME, "log", (ctx, args) -> {
                    logs.add(ctx.witInterface().name() + "." + ctx.function().name() + ": " + ((Str) args.get(0)).value());
                    return Optional.empty();
                })
                .define(MESSAGES, "send", (ctx, args) -> {
                    sends.add(args);
                    return Optional.of(sendAnswer);
                })
                .withInterface(ACTOR).withInterface(CLIENT).withInterface(SHAPES)
                .instantiate();
    }

    private static WitValue okState(WitValue state) {
        return ResultValue.ok(TupleValue.of(OptionValue.some(state)));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void handleSendThreadsTheMessageAsTheNewState(EngineMode mode) {
        WitInstance actor = start(mode);
        WitValue state = OptionValue.none();
        for (int i = 0; i < 3; i++) {
            Bytes msg = Bytes.utf8("{\"n\":" + i + "}");
            Optional<WitValue> result = actor.call(CLIENT, "handle-send", List.of(state, TupleValue.of(msg)));
            assertThat(result).contains(okState(msg));
            state = ((TupleValue) ((ResultValue) result.orElseThrow()).payload().orElseThrow()).elements().getFirst();
        }
        assertThat(state).isEqualTo(OptionValue.some(Bytes.utf8("{\"n\":2}")));
        assertThat(logs).isEmpty();
        assertThat(sends).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void initLogsAndReturnsItsIdAsJson(EngineMode mode) {
        WitInstance actor = start(mode);
        Optional<WitValue> result = actor.call(ACTOR, "init", List.of(OptionValue.none(), TupleValue.of(new Str("actor-\"1\""))));
        assertThat(result).contains(okState(Bytes.utf8("{\"id\":\"actor-\\\"1\\\"\"}")));
        assertThat(logs).containsExactly("runtime.log: init actor-\"1\"");
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void callSendInvokesTheHostSendEachTime(EngineMode mode) {
        WitInstance actor = start(mode);
        byte[] msg = new byte[100];
        for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) i;
        }
        WitExport callSend = actor.export(SHAPES, "call-send");
        assertThat(callSend.call(new WitValue.U32(3), new Str("actor-2"), new Bytes(msg))).contains(new WitValue.U32(3));
        assertThat(sends).hasSize(3).allSatisfy(args -> assertThat(args).containsExactly(new Str("actor-2"), new Bytes(msg)));

        sendAnswer = ResultValue.err(new Str("no such actor"));
        assertThat(callSend.call(new WitValue.U32(2), new Str("x"), new Bytes(new byte[0]))).contains(new WitValue.U32(0));
        assertThat(callSend.call(new WitValue.U32(0), new Str("x"), new Bytes(new byte[0]))).contains(new WitValue.U32(0));
        assertThat(sends).hasSize(5);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void failReturnsAnError(EngineMode mode) {
        WitInstance actor = start(mode);
        assertThat(actor.call(SHAPES, "fail", List.of(OptionValue.some(Bytes.utf8("{}")), TupleValue.of(new Str("bäd")))))
                .contains(ResultValue.err(new Str("bäd")));
    }
}
