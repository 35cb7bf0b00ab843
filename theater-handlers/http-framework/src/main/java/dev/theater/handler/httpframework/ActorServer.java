package dev.theater.handler.httpframework;

import dev.theater.api.handler.EventData;
import dev.theater.api.wit.WitValue;
import java.io.IOException;
import java.net.BindException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One server of an actor: what it serves ({@link Table}, changed while it runs) and, while it runs, a Jetty
 * {@link Server} of its own (its own small thread pool, one connector, a connection limit), so that one actor's
 * traffic cannot take another's threads. Requests are handled asynchronously ({@link Exchange}): no Jetty thread
 * waits for the actor.
 */
final class ActorServer {

    /** Threads of one server's pool: the acceptor and the selector, plus the few that parse and write. */
    static final int MAX_THREADS = 16;
    static final Duration WEBSOCKET_IDLE = Duration.ofMinutes(5);
    static final int MAX_OUTGOING_FRAMES = 1024;

    final HttpFrameworkHandler handler;
    final long id;
    private final String host;
    private final int port;
    private final Optional<KeyStore> tls;
    private volatile Table table = Table.EMPTY;
    final Map<Long, WsConnection> connections = new ConcurrentHashMap<>();

    // guarded by this
    private Server jetty;
    private ServerWebSocketContainer container;
    private int boundPort;

    ActorServer(HttpFrameworkHandler handler, long id, String host, int port, Optional<KeyStore> tls) {
        this.handler = handler;
        this.id = id;
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    Table table() {
        return table;
    }

    synchronized ServerWebSocketContainer container() {
        return container;
    }

    synchronized boolean running() {
        return jetty != null;
    }

    synchronized WitValue info() {
        Table t = table;
        return Values.serverInfo(id, jetty == null ? 0 : boundPort, host, jetty != null, t.routes().size(),
                t.middleware().size(), !t.websockets().isEmpty());
    }

    // --- what it serves --------------------------------------------------------------------------------------

    synchronized void addRoute(Table.Route route) {
        checkRoom();
        table.sameRoute(route.path(), route.method()).ifPresent(r -> {
            throw new HttpFrameworkException("server " + id + " already routes " + route.method() + " " + r.path().text()
                    + " (route " + Long.toUnsignedString(r.id()) + "); remove that route first");
        });
        table = table.withRoute(route);
    }

    synchronized void removeRoute(long routeId) {
        table = table.withoutRoute(routeId);
    }

    synchronized void addMiddleware(Table.Middleware m) {
        checkRoom();
        table = table.withMiddleware(m);
    }

    synchronized void removeMiddleware(long middlewareId) {
        table = table.withoutMiddleware(middlewareId);
    }

    synchronized void enableWebSocket(Table.WebSocketPath w) {
        checkRoom();
        if (table.websockets().stream().anyMatch(x -> x.path().shape().equals(w.path().shape()))) {
            throw new HttpFrameworkException("server " + id + " already accepts WebSockets on " + w.path().text()
                    + "; disable-websocket first");
        }
        table = table.withWebSocket(w);
    }

    /** Stops accepting WebSockets on {@code path} and closes the connections open on it (1001, going away). */
    void disableWebSocket(RoutePath path) {
        synchronized (this) {
            if (table.websockets().stream().noneMatch(x -> x.path().shape().equals(path.shape()))) {
                throw new HttpFrameworkException("server " + id + " accepts no WebSockets on " + path.text());
            }
            table = table.withoutWebSocket(path);
        }
        for (WsConnection c : new ArrayList<>(connections.values())) {
            if (c.path().shape().equals(path.shape())) {
                c.close(1001, "WebSocket path disabled");
            }
        }
    }

    WsConnection connection(long connectionId) {
        WsConnection c = connections.get(connectionId);
        if (c == null) {
            throw new HttpFrameworkException("server " + id + " has no open WebSocket connection "
                    + Long.toUnsignedString(connectionId));
        }
        return c;
    }

    private void checkRoom() {
        int limit = handler.config().maxRoutes();
        if (table.size() >= limit) {
            throw new HttpFrameworkException("server " + id + " has " + table.size() + " routes, middleware and WebSocket"
                    + " paths, the most the handler's " + HttpFrameworkConfig.MAX_ROUTES + " allows");
        }
    }

    // --- running ------------------------------------------------------------------------------------------------

    /** Binds and starts; returns the port listened on. */
    synchronized int start() {
        if (jetty != null) {
            throw new HttpFrameworkException("server " + id + " is already running on port " + boundPort);
        }
        HttpFrameworkConfig config = handler.config();
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2);
        pool.setName("http-" + handler.actorId() + "-" + id);
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector;
        if (tls.isPresent()) {
            // the name a client asks for is its business: the handler serves one certificate, on an address
            http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(tls.get());
            ssl.setKeyStorePassword(new String(PemKeyStore.PASSWORD));
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, c -> {
            c.setMaxTextMessageSize(config.maxWebSocketMessageBytes());
            c.setMaxBinaryMessageSize(config.maxWebSocketMessageBytes());
            c.setIdleTimeout(WEBSOCKET_IDLE);
            c.setMaxOutgoingFrames(MAX_OUTGOING_FRAMES);
            // The container is BLOCKING by default (for endpoints that block in their upgrade), which made the whole
            // server BLOCKING: Jetty then handed every request from the selector to another thread. Nothing here
            // blocks (Dispatch reads the body on demand and calls the actor through its mailbox; an upgrade creates a
            // WsConnection), so requests may run where they were read. It changes nothing for WebSocket frames.
            // Measured by HttpFrameworkBench (theater-benchmarks/README.md, "http-framework").
            c.setInvocationType(InvocationType.NON_BLOCKING);
        });
        upgrades.setHandler(new Dispatch());
        server.setHandler(upgrades);
        server.setErrorHandler(new PlainErrors());
        server.setStopTimeout(2000);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(handler.loader()); // Jetty finds its services (ServiceLoader) in the plugin's jar
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new HttpFrameworkException(bindFailure(e));
        } finally {
            thread.setContextClassLoader(before);
        }
        jetty = server;
        container = upgrades.getServerWebSocketContainer();
        boundPort = connector.getLocalPort();
        handler.record(HttpFrameworkHandler.SERVER_STARTED, EventData.builder().u64("server", id).string("host", host)
                .u64("port", boundPort).bool("tls", tls.isPresent()).build(),
                "server " + id + " listening on " + (tls.isPresent() ? "https" : "http") + "://" + hostText() + ":" + boundPort);
        return boundPort;
    }

    private String bindFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "cannot listen on " + hostText() + ":" + port + ": " + (port == 0 ? t.getMessage()
                        : "the port is in use, or the address is not this machine's") + " (" + t.getMessage() + ")";
            }
        }
        if (e instanceof IOException) {
            return "cannot listen on " + hostText() + ":" + port + ": " + e.getMessage();
        }
        return "server " + id + " could not start: " + e;
    }

    private String hostText() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * Stops the Jetty server if it runs: connections close (a WebSocket's disconnect export is called while the actor
     * takes calls), in-flight requests end. {@code why} is recorded.
     */
    void stop(String why) {
        Server server;
        synchronized (this) {
            server = jetty;
            if (server == null) {
                if (why.equals("stop-server")) {
                    throw new HttpFrameworkException("server " + id + " is not running");
                }
                return;
            }
            jetty = null;
            container = null;
        }
        for (WsConnection c : new ArrayList<>(connections.values())) {
            c.close(1001, "server stopping");
        }
        stopQuietly(server);
        for (WsConnection c : new ArrayList<>(connections.values())) {
            c.closed(1006, "server stopped"); // any the close handshake did not reach
        }
        handler.record(HttpFrameworkHandler.SERVER_STOPPED, EventData.builder().u64("server", id).string("reason", why).build(),
                "server " + id + " stopped (" + why + ")");
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping closes the sockets first; what fails after that holds nothing the actor could use
        }
    }

    /** The one Jetty handler: every request becomes an {@link Exchange} (handled asynchronously). */
    private final class Dispatch extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            new Exchange(ActorServer.this, request, response, callback).begin();
            return true;
        }
    }

    List<WsConnection> openConnections() {
        return List.copyOf(connections.values());
    }

    /**
     * Jetty's own refusals (a malformed request line or header, an ambiguous path such as an escaped {@code /}, headers
     * too large) in the handler's plain form, {@code <status> <reason>}, rather than Jetty's HTML page.
     */
    static final class PlainErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                        Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, code + " " + HttpStatus.getMessage(code) + "\n", callback);
        }
    }
}
