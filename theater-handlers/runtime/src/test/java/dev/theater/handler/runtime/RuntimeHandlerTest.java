package dev.theater.handler.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.ChainEntry;
import dev.theater.api.handler.EventData;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HostFunction;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.RuntimeServices;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.U64;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The runtime handler's functions against a stand-in actor handle. */
class RuntimeHandlerTest {

    private final List<String> stopReasons = new ArrayList<>();
    private final List<String> exitData = new ArrayList<>();
    private final Map<String, HostFunction> functions = new HashMap<>();
    private List<ChainEntry> chain = List.of();
    private Optional<byte[]> state = Optional.empty();

    private final ActorHandle actor = new ActorHandle() {
        @Override public String id() { return "counter-1"; }
        @Override public Optional<byte[]> state() { return state; }
        @Override public List<ChainEntry> chain() { return chain; }
        @Override public boolean isRunning() { return true; }
        @Override public void record(String eventType, EventData data) { }
        @Override public void record(String eventType, EventData data, String description) { }
        @Override public void requestStop(String reason) { stopReasons.add(reason); }
        @Override public void requestExit(String reason, Optional<byte[]> data) {
            stopReasons.add(reason);
            exitData.add(data.map(String::new).orElse("(none)"));
        }
        @Override public long chainLength() { return chain.size(); }
    };

    private RuntimeHandler handler(Map<String, Object> config) {
        RuntimeServices services = new RuntimeServices() {
            @Override public Optional<ActorHandle> actor(String actorId) { return Optional.empty(); }
            @Override public Set<String> actorIds() { return Set.of(); }
            @Override public Path home() { return Path.of("."); }
            @Override public dev.theater.api.handler.Supervision supervision() { throw new UnsupportedOperationException(); }
        };
        HandlerContext context = new HandlerContext() {
            @Override public String actorId() { return "counter-1"; }
            @Override public HandlerConfig config() { return new HandlerConfig("runtime", config, "counter.toml:4"); }
            @Override public Path manifestDirectory() { return Path.of("."); }
            @Override public RuntimeServices runtime() { return services; }
        };
        RuntimeHandler handler = (RuntimeHandler) new RuntimeHandlerProvider().create(context);
        HostLinker linker = new HostLinker() {
            @Override
            public HostLinker define(String witInterface, String function, HostFunction implementation) {
                assertThat(witInterface).isEqualTo("theater:simple/runtime");
                functions.put(function, implementation);
                return this;
            }
        };
        handler.link(linker);
        return handler;
    }

    private WitValue call(String function, WitValue... args) {
        return functions.get(function).call(List.of(args)).orElse(null);
    }

    @Test
    void definesTheFourFunctions() {
        handler(Map.of());
        assertThat(functions).containsOnlyKeys("log", "get-state", "get-chain", "shutdown");
        assertThat(call("log", new Str("hello"))).isNull();
    }

    @Test
    void getStateReturnsTheActorsState() {
        handler(Map.of()).start(actor);
        assertThat(call("get-state")).isEqualTo(OptionValue.none());
        state = Optional.of("{\"n\":1}".getBytes());
        assertThat(call("get-state")).isEqualTo(OptionValue.some(Bytes.utf8("{\"n\":1}")));
    }

    @Test
    void getChainLowersTheClassicShapeWithEightByteHashPrefixes() {
        handler(Map.of()).start(actor);
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        for (int i = 0; i < 32; i++) {
            first[i] = (byte) (i + 1);
            second[i] = (byte) (0xF0 + (i % 16));
        }
        chain = List.of(
                new ChainEntry(first, Optional.empty(), "lifecycle/starting", "{}".getBytes(), 1, Optional.empty()),
                new ChainEntry(second, Optional.of(first), "theater:simple/runtime/log", "\"hi\"".getBytes(), 2,
                        Optional.of("log")));
        WitValue expected = RecordValue.of(new ListValue(List.of(
                RecordValue.of(new U64(0x0102030405060708L), RecordValue.of(new Str("lifecycle/starting"),
                        OptionValue.none(), Bytes.utf8("{}"))),
                RecordValue.of(new U64(0xF0F1F2F3F4F5F6F7L), RecordValue.of(new Str("theater:simple/runtime/log"),
                        OptionValue.some(new U64(0x0102030405060708L)), Bytes.utf8("\"hi\""))))));
        assertThat(call("get-chain")).isEqualTo(expected);
    }

    @Test
    void shutdownRequestsAStopOnceAndThenReportsTheShutdownInProgress() {
        handler(Map.of()).start(actor);
        assertThat(call("shutdown", OptionValue.some(Bytes.utf8("{\"bye\":true}")))).isEqualTo(ResultValue.okEmpty());
        assertThat(stopReasons).containsExactly("the actor called runtime.shutdown with data {\"bye\":true}");
        assertThat(exitData).containsExactly("{\"bye\":true}"); // in full, for its supervisor
        assertThat(call("shutdown", OptionValue.none()))
                .isEqualTo(ResultValue.err(new Str("a shutdown is already in progress")));
        assertThat(stopReasons).hasSize(1);
    }

    @Test
    void theStopReasonQuotesAtMost256CharactersOfData() {
        assertThat(RuntimeHandler.stopReason(Optional.empty())).isEqualTo("the actor called runtime.shutdown");
        assertThat(RuntimeHandler.stopReason(Optional.of("x".repeat(300).getBytes())))
                .isEqualTo("the actor called runtime.shutdown with data " + "x".repeat(256) + "...(300 bytes)");
    }

    @Test
    void callsBeforeTheActorStartedFailWithANamedError() {
        handler(Map.of());
        assertThatThrownBy(() -> call("get-state")).isInstanceOf(HandlerException.class)
                .hasMessage("handler 'runtime' was called before the actor started or after it stopped");
    }

    @Test
    void anyConfigKeyIsAnError() {
        assertThatThrownBy(() -> handler(Map.of("verbose", true))).isInstanceOf(HandlerException.class)
                .hasMessage("counter.toml:4: handler 'runtime': config key 'verbose' is not a known key;"
                        + " the known keys are []");
    }

    @Test
    void theProviderIsFoundByServiceLoader() {
        assertThat(java.util.ServiceLoader.load(dev.theater.api.handler.HandlerProvider.class).stream()
                .map(p -> p.get().type())).contains("runtime");
    }
}
