package dev.theater.handler.httpframework;

import static dev.theater.handler.httpframework.Values.option;
import static dev.theater.handler.httpframework.Values.str;
import static dev.theater.handler.httpframework.Values.u64;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.EventData;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.U16;
import dev.theater.api.wit.WitValue.U64;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The http-framework handler of one actor: every function of {@code theater:simple/http-framework}, defined in
 * {@link #link}. It owns the actor's servers ({@link ActorServer}); ids of servers, handlers, routes, middleware and
 * connections come from one counter of the runtime, so an id another actor was given is never this actor's. Every
 * refusal is an {@code err} naming the function and the reason; nothing an actor passes can throw out of a call.
 */
final class HttpFrameworkHandler implements Handler {

    static final String SERVER_STARTED = "http-framework/server-started";
    static final String SERVER_STOPPED = "http-framework/server-stopped";
    static final String LATE_RESPONSE = "http-framework/late-response";
    static final String TIMED_OUT = "http-framework/timed-out";
    static final String BAD_RESPONSE = "http-framework/bad-response";
    static final String WEBSOCKET_OPENED = "http-framework/websocket-opened";
    static final String WEBSOCKET_CLOSED = "http-framework/websocket-closed";

    /** An HTTP token (RFC 9110 5.6.2): a method name. */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    static final int MAX_HANDLER_NAME = 256;
    static final int MAX_HANDLERS = 4096;

    /** The http-handlers exports this actor has (with the expected signatures). */
    record Exports(Optional<ActorExport> request, Optional<ActorExport> middleware, Optional<ActorExport> connect,
                   Optional<ActorExport> message, Optional<ActorExport> disconnect) {
        static final Exports NONE = new Exports(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private final String actorId;
    private final HttpFrameworkConfig config;
    private final Optional<KeyStore> tls;
    private final LongSupplier ids;
    private final ScheduledExecutorService timers;
    private final ClassLoader loader = HttpFrameworkHandler.class.getClassLoader();
    private volatile Exports exports = Exports.NONE;
    private volatile ActorHandle actor;
    private volatile boolean stopping;

    private final Object lock = new Object();
    private final Map<Long, ActorServer> servers = new LinkedHashMap<>(); // guarded by lock
    private final Map<Long, String> handlers = new LinkedHashMap<>();    // guarded by lock
    private final Map<Long, ActorServer> routeOwners = new LinkedHashMap<>();      // guarded by lock
    private final Map<Long, ActorServer> middlewareOwners = new LinkedHashMap<>(); // guarded by lock

    HttpFrameworkHandler(String actorId, HttpFrameworkConfig config, Optional<KeyStore> tls, LongSupplier ids,
                         ScheduledExecutorService timers) {
        this.actorId = actorId;
        this.config = config;
        this.tls = tls;
        this.ids = ids;
        this.timers = timers;
    }

    @Override
    public void link(HostLinker linker) {
        String i = HttpFrameworkHandlerProvider.INTERFACE;
        linker.define(i, "create-server", a -> result("create-server", () -> new U64(createServer((RecordValue) a.getFirst()))))
                .define(i, "get-server-info", a -> result("get-server-info", () -> server(u64(a.getFirst())).info()))
                .define(i, "start-server", a -> result("start-server", () -> new U16(server(u64(a.getFirst())).start())))
                .define(i, "stop-server", a -> result("stop-server", () -> {
                    server(u64(a.getFirst())).stop("stop-server");
                    return null;
                }))
                .define(i, "destroy-server", a -> result("destroy-server", () -> {
                    destroyServer(u64(a.getFirst()));
                    return null;
                }))
                .define(i, "register-handler", a -> result("register-handler", () -> new U64(registerHandler(str(a.getFirst())))))
                .define(i, "add-route", a -> result("add-route", () -> new U64(addRoute(u64(a.get(0)), str(a.get(1)),
                        str(a.get(2)), u64(a.get(3))))))
                .define(i, "remove-route", a -> result("remove-route", () -> {
                    removeRoute(u64(a.getFirst()));
                    return null;
                }))
                .define(i, "add-middleware", a -> result("add-middleware", () -> new U64(addMiddleware(u64(a.get(0)),
                        str(a.get(1)), u64(a.get(2))))))
                .define(i, "remove-middleware", a -> result("remove-middleware", () -> {
                    removeMiddleware(u64(a.getFirst()));
                    return null;
                }))
                .define(i, "enable-websocket", a -> result("enable-websocket", () -> {
                    enableWebSocket(u64(a.get(0)), str(a.get(1)), optionalId(a.get(2)), u64(a.get(3)), optionalId(a.get(4)));
                    return null;
                }))
                .define(i, "disable-websocket", a -> result("disable-websocket", () -> {
                    server(u64(a.get(0))).disableWebSocket(RoutePath.parse(str(a.get(1)), false));
                    return null;
                }))
                .define(i, "send-websocket-message", a -> result("send-websocket-message", () -> {
                    server(u64(a.get(0))).connection(u64(a.get(1))).send(Values.Message.fromWit(a.get(2)));
                    return null;
                }))
                .define(i, "close-websocket", a -> result("close-websocket", () -> {
                    server(u64(a.get(0))).connection(u64(a.get(1))).close(1000, "closed by the actor");
                    return null;
                }));
    }

    @Override
    public void bindExports(ActorExports found) {
        String h = HttpFrameworkHandlerProvider.HANDLERS;
        exports = new Exports(found.find(h, "handle-request"), found.find(h, "handle-middleware"),
                found.find(h, "handle-websocket-connect"), found.find(h, "handle-websocket-message"),
                found.find(h, "handle-websocket-disconnect"));
    }

    @Override
    public void start(ActorHandle handle) {
        actor = handle;
    }

    /** The actor takes no more calls: requests now get 503, and connections that close are only recorded. */
    @Override
    public void stopping() {
        stopping = true;
    }

    /** Every server stops; their ports can be bound again at once. */
    @Override
    public void stop() {
        stopping = true;
        List<ActorServer> all;
        synchronized (lock) {
            all = new ArrayList<>(servers.values());
        }
        for (ActorServer s : all) {
            s.stop("the actor stopped");
        }
    }

    // --- what servers ask of their actor's handler -------------------------------------------------------------

    String actorId() {
        return actorId;
    }

    HttpFrameworkConfig config() {
        return config;
    }

    Exports exports() {
        return exports;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    ClassLoader loader() {
        return loader;
    }

    long nextId() {
        return ids.getAsLong();
    }

    /** Whether the actor takes calls (not stopping, and running). */
    boolean takesCalls() {
        ActorHandle a = actor;
        return !stopping && a != null && a.isRunning();
    }

    /** The registered name of a handler id, for the chain. */
    String handlerName(long id) {
        synchronized (lock) {
            return handlers.getOrDefault(id, "?");
        }
    }

    /** Records an event of the handler's own; nothing when the actor's chain has closed (it stopped). */
    void record(String type, EventData data, String description) {
        ActorHandle a = actor;
        if (a == null) {
            return;
        }
        try {
            a.record(type, data, description);
        } catch (TheaterException e) {
            // the chain closed meanwhile: the actor has stopped, and its servers with it
        }
    }

    // --- the host functions --------------------------------------------------------------------------------------

    private long createServer(RecordValue serverConfig) {
        List<WitValue> f = serverConfig.fields();
        Optional<Integer> askedPort = option(f.get(0)).map(v -> ((U16) v).value());
        Optional<String> askedHost = option(f.get(1)).map(Values::str);
        Optional<RecordValue> tls = option(f.get(2)).map(v -> (RecordValue) v);
        int port = askedPort.orElse(config.port().orElse(0));
        if (!config.portAllowed(port)) {
            throw new HttpFrameworkException("port " + port + " is not allowed: the handler's config allows 0 (the system"
                    + " picks one)" + (config.portsText().isEmpty() ? "" : " and " + config.portsText())
                    + " (keys '" + HttpFrameworkConfig.PORT + "', '" + HttpFrameworkConfig.ALLOWED_PORTS + "')");
        }
        String host = askedHost.orElse(config.host());
        if (!config.hostAllowed(host)) {
            List<String> allowed = new ArrayList<>(List.of(config.host()));
            allowed.addAll(config.allowedHosts());
            throw new HttpFrameworkException("host " + Quote.of(host) + " is not allowed: the handler's config allows "
                    + allowed + " (keys '" + HttpFrameworkConfig.HOST + "', '" + HttpFrameworkConfig.ALLOWED_HOSTS + "')");
        }
        Optional<KeyStore> keyStore = tls.map(t -> tlsKeyStore(str(t.fields().get(0)), str(t.fields().get(1))));
        synchronized (lock) {
            if (servers.size() >= config.maxServers()) {
                throw new HttpFrameworkException("actor '" + actorId + "' has " + servers.size() + " servers, the most the"
                        + " handler's " + HttpFrameworkConfig.MAX_SERVERS + " allows; destroy one first");
            }
            long id = nextId();
            servers.put(id, new ActorServer(this, id, host, port, keyStore));
            return id;
        }
    }

    /** The TLS files an actor names must be the ones its manifest grants (as written there). */
    private KeyStore tlsKeyStore(String cert, String key) {
        if (config.tlsCertPath().isEmpty()) {
            throw new HttpFrameworkException("TLS is not granted: the handler's config names no "
                    + HttpFrameworkConfig.TLS_CERT_PATH + " and " + HttpFrameworkConfig.TLS_KEY_PATH);
        }
        if (!cert.equals(config.tlsCertPath().get()) || !key.equals(config.tlsKeyPath().get())) {
            throw new HttpFrameworkException("tls-config names cert-path " + Quote.of(cert) + " and key-path "
                    + Quote.of(key) + "; the handler's config grants only \"" + config.tlsCertPath().get() + "\" and \""
                    + config.tlsKeyPath().get() + "\"");
        }
        return tls.orElseThrow();
    }

    private ActorServer server(long id) {
        synchronized (lock) {
            ActorServer s = servers.get(id);
            if (s == null) {
                throw new HttpFrameworkException("unknown server id " + Long.toUnsignedString(id) + " (actor '" + actorId
                        + "' has " + servers.keySet().stream().map(Long::toUnsignedString).toList() + ")");
            }
            return s;
        }
    }

    private void destroyServer(long id) {
        ActorServer s = server(id);
        s.stop("destroy-server");
        synchronized (lock) {
            servers.remove(id);
            routeOwners.values().removeIf(o -> o == s);
            middlewareOwners.values().removeIf(o -> o == s);
        }
    }

    private long registerHandler(String name) {
        if (name.isEmpty() || name.length() > MAX_HANDLER_NAME) {
            throw new HttpFrameworkException("a handler name must be 1 to " + MAX_HANDLER_NAME + " characters, found "
                    + name.length());
        }
        synchronized (lock) {
            if (handlers.size() >= MAX_HANDLERS) {
                throw new HttpFrameworkException("actor '" + actorId + "' has registered " + MAX_HANDLERS
                        + " handlers, the most there may be");
            }
            long id = nextId();
            handlers.put(id, name);
            return id;
        }
    }

    private void checkHandler(long id) {
        synchronized (lock) {
            if (!handlers.containsKey(id)) {
                throw new HttpFrameworkException("unknown handler id " + Long.toUnsignedString(id)
                        + " (register-handler gives one)");
            }
        }
    }

    private void requireExport(Optional<ActorExport> export, String name, String what) {
        if (export.isEmpty()) {
            throw new HttpFrameworkException("actor '" + actorId + "' does not export " + HttpFrameworkHandlerProvider.HANDLERS
                    + "#" + name + ", so " + what + " would have nothing to call");
        }
    }

    private long addRoute(long serverId, String path, String method, long handlerId) {
        requireExport(exports.request(), "handle-request", "a route");
        ActorServer s = server(serverId);
        checkHandler(handlerId);
        if (!method.equals("*") && !TOKEN.matcher(method).matches()) {
            throw new HttpFrameworkException("method " + Quote.of(method) + " is not an HTTP method name (or * for any)");
        }
        RoutePath parsed = RoutePath.parse(path, true);
        long id = nextId();
        s.addRoute(new Table.Route(id, parsed, method.equals("*") ? "*" : method.toUpperCase(java.util.Locale.ROOT), handlerId));
        synchronized (lock) {
            routeOwners.put(id, s);
        }
        return id;
    }

    private void removeRoute(long routeId) {
        ActorServer s;
        synchronized (lock) {
            s = routeOwners.remove(routeId);
        }
        if (s == null) {
            throw new HttpFrameworkException("unknown route id " + Long.toUnsignedString(routeId));
        }
        s.removeRoute(routeId);
    }

    private long addMiddleware(long serverId, String path, long handlerId) {
        requireExport(exports.middleware(), "handle-middleware", "a middleware");
        ActorServer s = server(serverId);
        checkHandler(handlerId);
        RoutePath parsed = RoutePath.parse(path, false);
        long id = nextId();
        s.addMiddleware(new Table.Middleware(id, parsed, handlerId));
        synchronized (lock) {
            middlewareOwners.put(id, s);
        }
        return id;
    }

    private void removeMiddleware(long middlewareId) {
        ActorServer s;
        synchronized (lock) {
            s = middlewareOwners.remove(middlewareId);
        }
        if (s == null) {
            throw new HttpFrameworkException("unknown middleware id " + Long.toUnsignedString(middlewareId));
        }
        s.removeMiddleware(middlewareId);
    }

    private void enableWebSocket(long serverId, String path, OptionalLong connect, long message, OptionalLong disconnect) {
        requireExport(exports.message(), "handle-websocket-message", "a WebSocket");
        if (connect.isPresent()) {
            requireExport(exports.connect(), "handle-websocket-connect", "a connect handler");
        }
        if (disconnect.isPresent()) {
            requireExport(exports.disconnect(), "handle-websocket-disconnect", "a disconnect handler");
        }
        ActorServer s = server(serverId);
        connect.ifPresent(this::checkHandler);
        checkHandler(message);
        disconnect.ifPresent(this::checkHandler);
        s.enableWebSocket(new Table.WebSocketPath(RoutePath.parse(path, false), connect, message, disconnect));
    }

    private static OptionalLong optionalId(WitValue v) {
        return ((OptionValue) v).value().map(x -> OptionalLong.of(((U64) x).value())).orElse(OptionalLong.empty());
    }

    /** {@code ok(value)} ({@code ok} without payload for null), or {@code err("<function>: <reason>")}. */
    private static Optional<WitValue> result(String function, Supplier<WitValue> body) {
        try {
            WitValue value = body.get();
            return Optional.of(value == null ? ResultValue.okEmpty() : ResultValue.ok(value));
        } catch (HttpFrameworkException e) {
            return Optional.of(ResultValue.err(new Str(function + ": " + e.getMessage())));
        }
    }
}
