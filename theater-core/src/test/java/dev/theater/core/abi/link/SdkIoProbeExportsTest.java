package dev.theater.core.abi.link;

import static dev.theater.core.abi.link.SdkIoScripts.U64_MAX;
import static dev.theater.core.abi.link.SdkIoScripts.binary;
import static dev.theater.core.abi.link.SdkIoScripts.bytes;
import static dev.theater.core.abi.link.SdkIoScripts.err;
import static dev.theater.core.abi.link.SdkIoScripts.headers;
import static dev.theater.core.abi.link.SdkIoScripts.message;
import static dev.theater.core.abi.link.SdkIoScripts.none;
import static dev.theater.core.abi.link.SdkIoScripts.other;
import static dev.theater.core.abi.link.SdkIoScripts.request;
import static dev.theater.core.abi.link.SdkIoScripts.response;
import static dev.theater.core.abi.link.SdkIoScripts.s;
import static dev.theater.core.abi.link.SdkIoScripts.some;
import static dev.theater.core.abi.link.SdkIoScripts.text;
import static dev.theater.core.abi.link.SdkIoScripts.u64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.core.EngineMode;
import dev.theater.core.abi.link.SdkIoProbeImportsTest.Call;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The C SDK's http-handlers export macros and return helpers (sdk/c/theater/http_handlers.h) against the runtime's
 * canonical ABI: the real WIT linker lowers each call's arguments, the sdk-io-probe guest describes what it was given in
 * what it returns, and the runtime lifts the results asserted here (test-actors/README.md, "sdk-io-probe"). The runtime's
 * ABI, which independently matched a JavaScript component 77/77, is the reference the SDK is held to.
 */
class SdkIoProbeExportsTest {

    static final String MISUSE = "theater sdk: http-handlers#%s must return %s or theater_return_err";
    static final OptionValue STATE = some(Bytes.utf8("{\"kept\":true}"));

    private final List<String> logs = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();

    private WitInstance start(EngineMode mode) {
        return SdkIoProbeImportsTest.linker(mode, logs, calls, new ArrayDeque<>()).instantiate();
    }

    private static Optional<WitValue> call(WitInstance probe, String function, OptionValue state, WitValue... params) {
        return probe.call(SdkIoProbeImportsTest.HANDLERS, function, List.of(state, TupleValue.of(params)));
    }

    /** ok((state, (payload))) */
    private static Optional<WitValue> ok(OptionValue state, WitValue payload) {
        return Optional.of(ResultValue.ok(TupleValue.of(state, TupleValue.of(payload))));
    }

    /** ok((state)) */
    private static Optional<WitValue> ok(OptionValue state) {
        return Optional.of(ResultValue.ok(TupleValue.of(state)));
    }

    private static Optional<WitValue> failed(String message) {
        return Optional.of(err(message));
    }

    private static OptionValue json(String text) {
        return some(Bytes.utf8(text));
    }

    private static ListValue messages(WitValue... m) {
        return new ListValue(List.of(m));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void handleRequestLiftsTheRequestAndLowersTheResponse(EngineMode mode) {
        WitInstance probe = start(mode);
        assertThat(call(probe, "handle-request", json("{\"requests\":4}"), u64(7),
                request("GET", "/items/42?x=1", headers("a", "1", "b", ""), some(Bytes.utf8("ping")))))
                .isEqualTo(ok(json("{\"requests\":5}"), response(200, headers("x-handler", "7", "x-method", "GET",
                        "x-uri", "/items/42?x=1", "x-echo-a", "1", "x-echo-b", ""), some(Bytes.utf8("4 bytes: ping")))));
        // none state, no headers, no body: an empty header list and a none body come back
        assertThat(call(probe, "handle-request", none(), u64(U64_MAX), request("POST", "/empty", headers(), none())))
                .isEqualTo(ok(json("{\"requests\":1}"), response(204, headers(), none())));
        byte[] body = {'2', ' ', 'b', 'y', 't', 'e', 's', ':', ' ', 0x00, (byte) 0xff};
        assertThat(call(probe, "handle-request", none(), u64(U64_MAX), request("PUT", "/ü", headers(), some(bytes(0x00, 0xff)))))
                .isEqualTo(ok(json("{\"requests\":1}"), response(200, headers("x-handler", "18446744073709551615",
                        "x-method", "PUT", "x-uri", "/ü"), some(new Bytes(body)))));
        assertThat(call(probe, "handle-request", STATE, u64(1), request("GET", "/fail", headers(), none())))
                .isEqualTo(failed("refused /fail"));
        assertThat(call(probe, "handle-request", STATE, u64(1), request("GET", "/misuse", headers(), none())))
                .isEqualTo(failed(MISUSE.formatted("handle-request", "theater_return_http_response")));
        assertThat(logs).isEmpty();
        assertThat(calls).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void handleMiddlewarePassesOnAChangedRequestOrStopsIt(EngineMode mode) {
        WitInstance probe = start(mode);
        assertThat(call(probe, "handle-middleware", STATE, u64(3), request("GET", "/a", headers("h", "v"), some(Bytes.utf8("b")))))
                .isEqualTo(ok(STATE, RecordValue.of(new Bool(true),
                        request("GET", "/mw/a", headers("h", "v", "x-mw", "3"), none()))));
        assertThat(call(probe, "handle-middleware", none(), u64(U64_MAX), request("POST", "", headers(), none())))
                .isEqualTo(ok(none(), RecordValue.of(new Bool(true),
                        request("POST", "/mw", headers("x-mw", "18446744073709551615"), some(Bytes.utf8("added"))))));
        WitValue delete = request("DELETE", "/items/1", headers("a", "1", "a", "2"), some(bytes(0x00)));
        assertThat(call(probe, "handle-middleware", STATE, u64(3), delete)).isEqualTo(ok(STATE, RecordValue.of(new Bool(false), delete)));
        assertThat(call(probe, "handle-middleware", STATE, u64(3), request("FAIL", "/", headers(), none())))
                .isEqualTo(failed("middleware failed"));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void handleWebsocketConnectLiftsIdsPathAndProtocol(EngineMode mode) {
        WitInstance probe = start(mode);
        assertThat(call(probe, "handle-websocket-connect", none(), u64(8), u64(5), s("/ws"), some(s("chat"))))
                .isEqualTo(ok(json("{\"handler\":8,\"connection\":5,\"path\":\"/ws\",\"protocol\":\"chat\"}")));
        assertThat(call(probe, "handle-websocket-connect", STATE, u64(U64_MAX), u64(0), s("/ws/ü"), none()))
                .isEqualTo(ok(json("{\"handler\":18446744073709551615,\"connection\":0,\"path\":\"/ws/ü\"}")));
        assertThat(call(probe, "handle-websocket-connect", STATE, u64(1), u64(1), s("/none"), none())).isEqualTo(ok(none()));
        assertThat(call(probe, "handle-websocket-connect", STATE, u64(1), u64(1), s("/deny"), some(s("")))).isEqualTo(failed("denied /deny"));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void handleWebsocketMessageLiftsEveryMessageTypeAndLowersReplies(EngineMode mode) {
        WitInstance probe = start(mode);
        String fn = "handle-websocket-message";
        assertThat(call(probe, fn, STATE, u64(9), u64(5), text("hi")))
                .isEqualTo(ok(STATE, messages(text("echo: hi"), binary(Bytes.utf8("hi")), other("seen-9-5"))));
        assertThat(call(probe, fn, none(), u64(U64_MAX), u64(U64_MAX), text("hi")))
                .isEqualTo(ok(none(), messages(text("echo: hi"), binary(Bytes.utf8("hi")),
                        other("seen-18446744073709551615-18446744073709551615"))));
        // one reply of every message-type case
        assertThat(call(probe, fn, STATE, u64(9), u64(5), text("all"))).isEqualTo(ok(STATE, messages(text("t"), binary(bytes(0x00, 0xff)),
                message(2), message(3), message(4), message(5), message(6, Optional.of(s("o")), some(Bytes.utf8("d")), some(s(""))))));
        assertThat(call(probe, fn, STATE, u64(9), u64(5), binary(bytes(1, 2, 3))))
                .isEqualTo(ok(STATE, messages(binary(bytes(1, 2, 3)), message(4))));
        assertThat(call(probe, fn, STATE, u64(9), u64(5), message(1)))
                .isEqualTo(ok(STATE, messages(binary(Bytes.utf8("no data")), message(4))));
        assertThat(call(probe, fn, STATE, u64(9), u64(5), message(6, Optional.of(s("custom ✓")), some(bytes()), some(s("x")))))
                .isEqualTo(ok(STATE, messages(text("custom ✓"))));
        assertThat(call(probe, fn, STATE, u64(9), u64(5), message(4))).isEqualTo(ok(STATE, messages(message(5))));
        for (int quiet : new int[] {2, 3, 5}) {
            assertThat(call(probe, fn, STATE, u64(9), u64(5), message(quiet))).as("case %d", quiet).isEqualTo(ok(STATE, messages()));
        }
        assertThat(call(probe, fn, STATE, u64(9), u64(5), text("fail"))).isEqualTo(failed("bad message"));
        assertThat(call(probe, fn, STATE, u64(9), u64(5), message(0))).isEqualTo(failed("text without text"));
        assertThat(call(probe, fn, STATE, u64(9), u64(5), text("misuse")))
                .isEqualTo(failed(MISUSE.formatted(fn, "theater_return_websocket_messages")));
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void handleWebsocketDisconnectLiftsBothIds(EngineMode mode) {
        WitInstance probe = start(mode);
        assertThat(call(probe, "handle-websocket-disconnect", STATE, u64(10), u64(5)))
                .isEqualTo(ok(json("{\"disconnected\":5,\"handler\":10}")));
        assertThat(call(probe, "handle-websocket-disconnect", none(), u64(U64_MAX), u64(Long.MIN_VALUE)))
                .isEqualTo(ok(json("{\"disconnected\":9223372036854775808,\"handler\":18446744073709551615}")));
        assertThat(call(probe, "handle-websocket-disconnect", STATE, u64(10), u64(0))).isEqualTo(failed("unknown connection 0"));
    }

    @Test
    void theArenaIsResetAfterEveryExportSoMemoryStaysAtOnePage() {
        WitInstance probe = start(EngineMode.COMPILER);
        byte[] kilobyte = new byte[1024];
        WitValue big = request("POST", "/up", headers("a", "1", "b", "2"), some(new Bytes(kilobyte)));
        for (int i = 0; i < 2000; i++) {
            call(probe, "handle-request", json("{\"requests\":" + i + "}"), u64(i), big);
            call(probe, "handle-middleware", STATE, u64(i), big);
            call(probe, "handle-websocket-message", STATE, u64(i), u64(i), text("all"));
            call(probe, "handle-websocket-connect", STATE, u64(i), u64(i), s("/ws"), some(s("chat")));
            call(probe, "handle-websocket-disconnect", STATE, u64(i), u64(i + 1));
        }
        assertThat(call(probe, "handle-request", json("{\"requests\":41}"), u64(1), request("GET", "/", headers(), none())))
                .isEqualTo(ok(json("{\"requests\":42}"), response(204, headers(), none())));
        assertThat(probe.core().memory().sizeBytes()).isEqualTo(65536);
    }
}
