package dev.theater.core.abi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.AbiException;
import dev.theater.core.EngineMode;
import dev.theater.core.WasmLinkException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Signature mismatches, unknown functions, missing exports and wrong values are refused with whole, named messages. */
class LinkErrorsTest {

    static final WitInterface RUNTIME = TestGuests.simple("runtime");
    static final WitInterface CLIENT = TestGuests.simple("message-server-client");

    private static WitLinker shapes() {
        return WitLinker.forModule(TestGuests.module(EngineMode.COMPILER, "shapes"))
                .define(RUNTIME, "log", (ctx, args) -> Optional.empty())
                .define(TestGuests.simple("message-server-host"), "send", (ctx, args) -> Optional.of(WitValue.ResultValue.okEmpty()));
    }

    @Test
    void badSignatureIsRefused() {
        WitLinker linker = WitLinker.forModule(TestGuests.module(EngineMode.COMPILER, "bad-signature"))
                .define(RUNTIME, "log", (ctx, args) -> Optional.empty());
        assertThatThrownBy(linker::instantiate)
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("bad-signature.wasm: import 'theater:simple/runtime.log' has core signature (i32) -> () "
                        + "but WIT 'log: func(msg: string)' needs (i32, i32) -> ()");
    }

    @Test
    void importOfAFunctionTheInterfaceLacksIsNamed() {
        WitFunction request = TestGuests.simple("message-server-host").function("request").orElseThrow();
        WitInterface narrow = new WitInterface("theater:simple", Optional.of("0.1.0"), "message-server-host", Map.of(),
                Map.of("request", request), "");
        WitLinker linker = WitLinker.forModule(TestGuests.module(EngineMode.COMPILER, "shapes")).withInterface(narrow);
        assertThatThrownBy(linker::check)
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("shapes.wasm: import 'theater:simple/message-server-host.send' is not a function of WIT "
                        + "interface theater:simple/message-server-host, which has [request]");
    }

    @Test
    void exportWithAnotherSignatureIsRefused() {
        WitFunction callSend = new WitFunction("call-send", List.of(new WitFunction.Param("n", WitType.Primitive.U32)),
                Optional.of(WitType.Primitive.U32), "");
        WitInterface wrong = new WitInterface("theater:test", Optional.empty(), "shapes", Map.of(), Map.of("call-send", callSend), "");
        assertThatThrownBy(() -> shapes().instantiate().export(wrong, "call-send"))
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("shapes.wasm: export 'theater:test/shapes#call-send' has core signature (i32, i32, i32, i32, i32) "
                        + "-> (i32) but WIT 'call-send: func(n: u32) -> u32' needs (i32) -> (i32)");
        assertThatThrownBy(() -> shapes().withInterface(wrong).check())
                .hasMessageStartingWith("shapes.wasm: export 'theater:test/shapes#call-send' has core signature");
    }

    @Test
    void missingExportIsNamed() {
        WitInstance instance = shapes().instantiate();
        assertThatThrownBy(() -> instance.call(CLIENT, "handle-request", List.of()))
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("shapes.wasm has no export 'theater:simple/message-server-client#handle-request' for WIT "
                        + "'handle-request: func(state: option<list<u8>>, params: tuple<string, list<u8>>) -> "
                        + "result<tuple<option<list<u8>>, tuple<option<list<u8>>>>, string>'; its WIT exports are "
                        + "[theater:simple/actor#init, theater:simple/message-server-client#handle-send, "
                        + "theater:test/shapes#call-send, theater:test/shapes#fail]");
        assertThatThrownBy(() -> instance.call(CLIENT, "handle-nothing", List.of()))
                .hasMessage("shapes.wasm: cannot call 'theater:simple/message-server-client#handle-nothing': WIT interface "
                        + "theater:simple/message-server-client has no such function; it has "
                        + CLIENT.functions().keySet());
    }

    @Test
    void defineOfAnUnknownFunctionIsNamed() {
        assertThatThrownBy(() -> WitLinker.forModule(TestGuests.module(EngineMode.COMPILER, "shapes"))
                .define(RUNTIME, "lg", (ctx, args) -> Optional.empty()))
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("shapes.wasm: cannot define 'theater:simple/runtime.lg': WIT interface theater:simple/runtime "
                        + "has no such function; it has " + RUNTIME.functions().keySet());
    }

    @Test
    void wrongArgumentValueIsNamed() {
        WitInstance instance = shapes().instantiate();
        assertThatThrownBy(() -> instance.call(CLIENT, "handle-send",
                List.of(new WitValue.Str("x"), WitValue.TupleValue.of(WitValue.Bytes.utf8("m")))))
                .isInstanceOf(AbiException.class)
                .hasMessage("shapes.wasm: export 'theater:simple/message-server-client#handle-send': cannot lower "
                        + "option<list<u8>>: got Str[value=x]");
    }

    @Test
    void wrongHostResultIsNamed() {
        WitInstance instance = WitLinker.forModule(TestGuests.module(EngineMode.COMPILER, "shapes"))
                .define(RUNTIME, "log", (ctx, args) -> Optional.empty())
                .define(TestGuests.simple("message-server-host"), "send", (ctx, args) -> Optional.of(new WitValue.U32(1)))
                .instantiate();
        assertThatThrownBy(() -> instance.call(TestGuests.wit("shapes").requireInterface("shapes"), "call-send",
                List.of(new WitValue.U32(1), new WitValue.Str("a"), WitValue.Bytes.utf8("m"))))
                .isInstanceOf(AbiException.class)
                .hasMessage("shapes.wasm: import 'theater:simple/message-server-host.send': cannot lower result<_, string>: "
                        + "got U32[value=1]");
        assertThat(instance.call(CLIENT, "handle-send", List.of(WitValue.OptionValue.none(),
                WitValue.TupleValue.of(WitValue.Bytes.utf8("still fine"))))).isPresent();
    }
}
