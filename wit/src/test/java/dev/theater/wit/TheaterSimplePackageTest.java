package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bundled theater:simple package parses and has the signatures handlers and actors rely on. */
class TheaterSimplePackageTest {

    private final WitPackage pkg = TheaterWit.load();

    private String sig(String iface, String fn) {
        return pkg.requireInterface(iface).function(fn).orElseThrow().signature();
    }

    @Test
    void packageIdentity() {
        assertThat(pkg.name()).isEqualTo("theater:simple");
        assertThat(pkg.version()).isEmpty();
        assertThat(TheaterWit.load()).isSameAs(pkg);
        assertThat(pkg.requireInterface("runtime").qualifiedName()).isEqualTo("theater:simple/runtime");
    }

    @Test
    void runtime() {
        assertThat(sig("runtime", "log")).isEqualTo("func(msg: string)");
        assertThat(sig("runtime", "get-state")).isEqualTo("func() -> option<list<u8>>");
        assertThat(sig("runtime", "get-chain")).isEqualTo("func() -> chain");
        assertThat(sig("runtime", "shutdown")).isEqualTo("func(data: option<list<u8>>) -> result<_, string>");
    }

    @Test
    void actorInitHasTheStateThreadingShape() {
        assertThat(sig("actor", "init")).isEqualTo(
                "func(state: option<list<u8>>, params: tuple<string>) -> result<tuple<option<list<u8>>>, string>");
    }

    @Test
    void messageServer() {
        assertThat(sig("message-server-host", "request"))
                .isEqualTo("func(actor-id: string, msg: list<u8>) -> result<list<u8>, string>");
        assertThat(sig("message-server-host", "open-channel"))
                .isEqualTo("func(actor-id: string, initial-msg: list<u8>) -> result<string, string>");
        assertThat(sig("message-server-host", "list-outstanding-requests")).isEqualTo("func() -> list<string>");
        assertThat(sig("message-server-client", "handle-request")).isEqualTo(
                "func(state: option<list<u8>>, params: tuple<string, list<u8>>)"
                        + " -> result<tuple<option<list<u8>>, tuple<option<list<u8>>>>, string>");
        assertThat(sig("message-server-client", "handle-channel-open")).isEqualTo(
                "func(state: option<list<u8>>, params: tuple<string, list<u8>>)"
                        + " -> result<tuple<option<list<u8>>, tuple<channel-accept>>, string>");
        WitType accept = pkg.requireInterface("message-server-client").types().get("channel-accept");
        assertThat(accept).isEqualTo(new WitType.Record("channel-accept", List.of(
                new WitType.Field("accepted", WitType.Primitive.BOOL),
                new WitType.Field("message", new WitType.OptionOf(new WitType.ListOf(WitType.Primitive.U8))))));
    }

    @Test
    void httpFrameworkAddRoute() {
        assertThat(sig("http-framework", "add-route")).isEqualTo(
                "func(server-id: u64, path: string, method: string, handler-id: u64) -> result<u64, string>");
        assertThat(sig("http-framework", "enable-websocket")).isEqualTo(
                "func(server-id: u64, path: string, connect-handler-id: option<u64>, message-handler-id: u64,"
                        + " disconnect-handler-id: option<u64>) -> result<_, string>");
        assertThat(sig("http-handlers", "handle-websocket-message")).isEqualTo(
                "func(state: option<list<u8>>, params: tuple<u64, u64, websocket-message>)"
                        + " -> result<tuple<option<list<u8>>, tuple<list<websocket-message>>>, string>");
        WitType.Record request = (WitType.Record) pkg.requireInterface("http-types").types().get("http-request");
        assertThat(request.fields()).extracting(f -> f.name() + ": " + f.type().wit()).containsExactly(
                "method: string", "uri: string", "headers: list<tuple<string, string>>", "body: option<list<u8>>");
    }

    @Test
    void storeTypes() {
        WitInterface store = pkg.requireInterface("store");
        assertThat(store.types()).containsOnlyKeys("content-ref");
        assertThat(store.types().get("content-ref")).isEqualTo(new WitType.Record("content-ref",
                List.of(new WitType.Field("hash", WitType.Primitive.STRING))));
        assertThat(sig("store", "get-by-label"))
                .isEqualTo("func(store-id: string, label: string) -> result<option<content-ref>, string>");
        assertThat(sig("store", "remove-from-label"))
                .isEqualTo("func(store-id: string, label: string, content-ref: content-ref) -> result<_, string>");
    }

    @Test
    void timingAndTimers() {
        assertThat(sig("timing", "now")).isEqualTo("func() -> u64");
        assertThat(sig("timing", "sleep")).isEqualTo("func(duration: u64) -> result<_, string>");
        assertThat(sig("timing", "deadline")).isEqualTo("func(timestamp: u64) -> result<_, string>");
        assertThat(sig("timers", "schedule-once")).isEqualTo("func(delay-ms: u64, payload: list<u8>) -> result<string, string>");
        assertThat(sig("timers", "schedule-every")).isEqualTo("func(period-ms: u64, payload: list<u8>) -> result<string, string>");
        assertThat(sig("timers", "cancel-timer")).isEqualTo("func(timer-id: string) -> result<_, string>");
        assertThat(sig("timer-handlers", "handle-timer")).isEqualTo(
                "func(state: option<list<u8>>, params: tuple<string, list<u8>>) -> result<tuple<option<list<u8>>>, string>");
    }

    @Test
    void supervisorHandlersCarryTheWitActorError() {
        WitFunction f = pkg.requireInterface("supervisor-handlers").function("handle-child-error").orElseThrow();
        WitType.Tuple params = (WitType.Tuple) f.params().get(1).type();
        assertThat(params.elements().get(1)).isEqualTo(new WitType.Record("wit-actor-error", List.of(
                new WitType.Field("error-type", new WitType.Enum("wit-error-type", List.of("operation-timeout",
                        "channel-closed", "shutting-down", "function-not-found", "type-mismatch", "internal",
                        "serialization-error", "update-component-error", "paused"))),
                new WitType.Field("data", new WitType.OptionOf(new WitType.ListOf(WitType.Primitive.U8))))));
        assertThat(f.result().map(WitType::wit)).contains("result<tuple<option<list<u8>>>, string>");
        assertThat(f.docs()).startsWith("A child failed");
    }

    @Test
    void chainEventFields() {
        WitType.Record e = (WitType.Record) pkg.requireInterface("types").types().get("chain-event");
        assertThat(e.fields()).extracting(f -> f.name() + ": " + f.type().wit()).containsExactly(
                "hash: list<u8>", "parent-hash: option<list<u8>>", "event-type: string", "data: list<u8>",
                "timestamp: u64", "description: option<string>");
        assertThat(sig("supervisor", "get-child-events"))
                .isEqualTo("func(child-id: string) -> result<list<chain-event>, string>");
    }

    @Test
    void aliasesAreResolvedAway() {
        assertThat(pkg.requireInterface("types").types().get("json")).isEqualTo(new WitType.ListOf(WitType.Primitive.U8));
        assertThat(pkg.requireInterface("http-framework").types().get("handler-id")).isEqualTo(WitType.Primitive.U64);
    }

    @Test
    void everyInterfaceAndFunctionHasDocs() {
        for (WitInterface i : pkg.interfaces().values()) {
            assertThat(i.docs()).as("docs of interface %s", i.name()).isNotBlank();
            for (WitFunction f : i.functions().values()) {
                assertThat(f.docs()).as("docs of %s.%s", i.name(), f.name()).isNotBlank();
            }
        }
    }

    @Test
    void worlds() {
        WitWorld actor = pkg.requireWorld("basic-actor");
        assertThat(actor.imports()).extracting(WitInterface::name).containsExactly("runtime");
        assertThat(actor.exports()).extracting(WitInterface::name).containsExactly("actor");
        WitWorld http = pkg.requireWorld("http-actor");
        assertThat(http.imports()).extracting(WitInterface::name).containsExactly("http-framework", "runtime");
        assertThat(http.exports()).extracting(WitInterface::name).containsExactly("http-handlers", "actor");
        assertThat(http.imported("runtime")).containsSame(pkg.requireInterface("runtime"));
        assertThat(pkg.worlds()).containsOnlyKeys("basic-actor", "message-server-actor", "supervisor-actor", "http-actor",
                "tools-actor", "timer-actor");
        WitWorld timer = pkg.requireWorld("timer-actor");
        assertThat(timer.imports()).extracting(WitInterface::name).containsExactlyInAnyOrder("runtime", "timing", "timers");
        assertThat(timer.exports()).extracting(WitInterface::name).containsExactlyInAnyOrder("actor", "timer-handlers");
    }

    @Test
    void lookupFailuresNameWhatExists() {
        assertThatThrownBy(() -> pkg.requireInterface("nope")).isInstanceOf(dev.theater.api.TheaterException.class)
                .hasMessage("package 'theater:simple' has no interface 'nope'; it has [types, actor, runtime,"
                        + " message-server-client, message-server-host, supervisor, supervisor-handlers, store, filesystem,"
                        + " http-types, websocket-types, http-client, http-framework, http-handlers, timing, timers, timer-handlers]");
        assertThatThrownBy(() -> pkg.requireWorld("nope")).isInstanceOf(dev.theater.api.TheaterException.class)
                .hasMessage("package 'theater:simple' has no world 'nope'; it has [basic-actor, message-server-actor,"
                        + " supervisor-actor, http-actor, tools-actor, timer-actor]");
        assertThat(pkg.findInterface("nope")).isEqualTo(Optional.empty());
    }
}
