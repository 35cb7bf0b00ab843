package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The interfaces and functions of ARCHITECTURE.md's {@code theater:simple} table (transcribed here) all exist, and
 * every interface an actor exports has the state-threading shape.
 */
class InterfaceTableTest {

    /** ARCHITECTURE.md, "The theater:simple interfaces": interface -> functions. */
    private static final Map<String, List<String>> TABLE = new LinkedHashMap<>();

    static {
        TABLE.put("actor", List.of("init"));
        TABLE.put("runtime", List.of("log", "get-state", "get-chain", "shutdown"));
        TABLE.put("message-server-host", List.of("send", "request", "open-channel", "send-on-channel", "close-channel",
                "list-outstanding-requests", "respond-to-request", "cancel-request"));
        TABLE.put("message-server-client", List.of("handle-send", "handle-request", "handle-channel-open",
                "handle-channel-message", "handle-channel-close"));
        TABLE.put("supervisor", List.of("spawn", "resume", "list-children", "stop-child", "restart-child",
                "get-child-state", "get-child-events"));
        TABLE.put("supervisor-handlers", List.of("handle-child-error", "handle-child-exit", "handle-child-external-stop"));
        TABLE.put("store", List.of("new", "store", "get", "exists", "label", "get-by-label", "remove-label",
                "remove-from-label", "store-at-label", "replace-content-at-label", "replace-at-label", "list-labels",
                "list-all-content", "calculate-total-size"));
        TABLE.put("filesystem", List.of("read-file", "write-file", "list-files", "delete-file", "create-dir", "delete-dir",
                "path-exists", "execute-command"));
        TABLE.put("http-client", List.of("send-http"));
        TABLE.put("http-framework", List.of("create-server", "get-server-info", "start-server", "stop-server",
                "destroy-server", "register-handler", "add-route", "remove-route", "add-middleware", "remove-middleware",
                "enable-websocket", "disable-websocket", "send-websocket-message", "close-websocket"));
        TABLE.put("http-handlers", List.of("handle-request", "handle-middleware", "handle-websocket-connect",
                "handle-websocket-message", "handle-websocket-disconnect"));
        TABLE.put("timing", List.of("now", "sleep", "deadline"));
        // issue 11: not in the Rust original
        TABLE.put("timers", List.of("schedule-once", "schedule-every", "cancel-timer"));
        TABLE.put("timer-handlers", List.of("handle-timer"));
    }

    private static final List<String> EXPORTS = List.of("actor", "message-server-client", "supervisor-handlers",
            "http-handlers", "timer-handlers");

    private final WitPackage pkg = TheaterWit.load();

    @Test
    void everyInterfaceOfTheTableHasExactlyItsFunctions() {
        TABLE.forEach((iface, functions) -> assertThat(pkg.requireInterface(iface).functions().keySet())
                .as("functions of %s", iface).containsExactlyElementsOf(functions));
        assertThat(pkg.interfaces().keySet()).containsAll(TABLE.keySet())
                .contains("types", "http-types", "websocket-types");
    }

    @Test
    void exportsThreadTheState() {
        WitType state = new WitType.OptionOf(new WitType.ListOf(WitType.Primitive.U8));
        for (String name : EXPORTS) {
            WitInterface i = pkg.requireInterface(name);
            for (WitFunction f : i.functions().values()) {
                String where = name + "." + f.name();
                assertThat(f.params()).as(where).hasSize(2);
                assertThat(f.params().get(0)).as(where).isEqualTo(new WitFunction.Param("state", state));
                assertThat(f.params().get(1).name()).as(where).isEqualTo("params");
                assertThat(f.params().get(1).type()).as(where).isInstanceOf(WitType.Tuple.class);
                WitType.Result r = (WitType.Result) f.result().orElseThrow();
                assertThat(r.err()).as(where).contains(WitType.Primitive.STRING);
                List<WitType> ok = ((WitType.Tuple) r.ok().orElseThrow()).elements();
                assertThat(ok.getFirst()).as(where).isEqualTo(state);
                assertThat(ok.size()).as(where).isBetween(1, 2);
                if (ok.size() == 2) {
                    assertThat(ok.get(1)).as(where).isInstanceOf(WitType.Tuple.class);
                }
            }
        }
    }

    @Test
    void eachBundledFileIsListedAndParsesWithTheOthers() {
        assertThat(TheaterWit.readAll()).containsOnlyKeys(TheaterWit.FILES);
        assertThat(TheaterWit.read("types.wit")).startsWith("package theater:simple;");
        assertThat(pkg.requireInterface("timing").function("now").map(WitFunction::result))
                .contains(Optional.of(WitType.Primitive.U64));
    }
}
