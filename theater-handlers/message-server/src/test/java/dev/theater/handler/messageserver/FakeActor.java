package dev.theater.handler.messageserver;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorExports;
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
import dev.theater.chain.json.WitJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for a runtime actor in plain unit tests: one virtual thread serializes its export calls (the
 * mailbox), exports are Java lambdas (all of {@code message-server-client}), and host functions are kept by
 * interface and function in {@link #host} and called through {@link #call}.
 */
final class FakeActor implements ActorHandle, ActorExports, HostLinker {

    /** A runtime of fake actors sharing one provider. */
    static final class Runtime implements RuntimeServices {
        final MessageServerHandlerProvider provider = new MessageServerHandlerProvider();
        final Map<String, FakeActor> actors = new ConcurrentHashMap<>();

        FakeActor start(String id, Map<String, Object> config, Map<String, Function<WitValue.TupleValue, Optional<WitValue>>> exports) {
            FakeActor actor = new FakeActor(id, exports);
            actors.put(id, actor);
            HandlerContext context = new HandlerContext() {
                @Override public String actorId() { return id; }
                @Override public HandlerConfig config() { return new HandlerConfig("message-server", config, id + ".toml:5"); }
                @Override public Path manifestDirectory() { return Path.of("."); }
                @Override public RuntimeServices runtime() { return Runtime.this; }
            };
            actor.handler = (MessageServerHandler) provider.create(context);
            actor.handler.link(actor);
            actor.handler.bindExports(actor);
            actor.handler.start(actor);
            return actor;
        }

        @Override public Optional<ActorHandle> actor(String actorId) { return Optional.ofNullable(actors.get(actorId)); }
        @Override public Set<String> actorIds() { return actors.keySet(); }
        @Override public Path home() { return Path.of("."); }
        @Override public dev.theater.api.handler.Supervision supervision() { throw new UnsupportedOperationException(); }
    }

    record Recorded(String eventType, String data, String description) {}

    /** A host function as the linker names it: qualified WIT interface and function. */
    record Import(String witInterface, String function) {}

    final String id;
    final Map<String, Function<WitValue.TupleValue, Optional<WitValue>>> exports;
    final Map<Import, HostFunction> host = new HashMap<>();
    final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    final ExecutorService mailbox = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    volatile boolean running = true;
    MessageServerHandler handler;

    FakeActor(String id, Map<String, Function<WitValue.TupleValue, Optional<WitValue>>> exports) {
        this.id = id;
        this.exports = exports;
    }

    /** Calls a host function of {@code message-server-host} as the actor would. */
    WitValue call(String function, WitValue... args) {
        HostFunction implementation = host.get(new Import(MessageServerHandlerProvider.HOST, function));
        if (implementation == null) {
            throw new AssertionError("actor '" + id + "' has no host function " + MessageServerHandlerProvider.HOST
                    + "." + function + "; defined: " + host.keySet());
        }
        return implementation.call(List.of(args)).orElse(null);
    }

    /** Runs {@code body} as an export call on the actor's mailbox thread (as if the actor were busy). */
    <T> CompletableFuture<T> inMailbox(java.util.concurrent.Callable<T> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        mailbox.execute(() -> {
            try {
                future.complete(body.call());
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    void stop() {
        running = false;
        handler.stop();
        mailbox.shutdownNow();
    }

    @Override
    public HostLinker define(String witInterface, String function, HostFunction implementation) {
        if (host.putIfAbsent(new Import(witInterface, function), implementation) != null) {
            throw new HandlerException(witInterface + "." + function + " is defined twice");
        }
        return this;
    }

    /** Only {@code message-server-client} exports: a lookup under another interface finds nothing. */
    @Override
    public Optional<ActorExport> find(String witInterface, String function) {
        var body = witInterface.equals(MessageServerHandlerProvider.CLIENT) ? exports.get(function) : null;
        if (body == null) {
            return Optional.empty();
        }
        return Optional.of(new ActorExport() {
            @Override public String name() { return witInterface + "#" + function; }

            @Override
            public CompletableFuture<Optional<WitValue>> call(WitValue.TupleValue params) {
                if (!running) {
                    return CompletableFuture.failedFuture(new ActorCallException(id, ActorCallException.Kind.STOPPED,
                            name() + " was not called: the actor is stopped", null));
                }
                calls.add(function);
                return inMailbox(() -> body.apply(params));
            }
        });
    }

    @Override
    public ActorExport require(String witInterface, String function) {
        return find(witInterface, function).orElseThrow();
    }

    @Override public String id() { return id; }
    @Override public Optional<byte[]> state() { return Optional.empty(); }
    @Override public List<ChainEntry> chain() { return new ArrayList<>(); }
    @Override public boolean isRunning() { return running; }

    @Override
    public void record(String eventType, EventData data) {
        record(eventType, data, null);
    }

    /** Kept as the runtime writes it: the canonical JSON of the chain. */
    @Override
    public void record(String eventType, EventData data, String description) {
        byte[] json = WitJson.record(data.type(), data.value(), WitJson.UNLIMITED);
        recorded.add(new Recorded(eventType, new String(json, StandardCharsets.UTF_8), description));
    }

    @Override public void requestStop(String reason) { running = false; }
    @Override public void requestExit(String reason, Optional<byte[]> exitData) { running = false; }
    @Override public long chainLength() { return recorded.size(); }
}
