package dev.theater.handler.httpframework;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.security.KeyStore;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code http-framework} handler type: {@code theater:simple/http-framework} for actors, calling their
 * {@code theater:simple/http-handlers} exports. One provider serves one runtime: the id counter (so that an id is
 * never two actors') and the timer of request deadlines live here.
 */
public final class HttpFrameworkHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "http-framework";

    /** The WIT interface this handler implements. */
    public static final String INTERFACE = "theater:simple/http-framework";

    /** The WIT interface of the exports it calls. */
    public static final String HANDLERS = "theater:simple/http-handlers";

    private final AtomicLong ids = new AtomicLong();
    private volatile ScheduledThreadPoolExecutor timers;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> imports() {
        return Set.of(INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of(HANDLERS);
    }

    /**
     * A child may bind only addresses and ports its parent may, with the parent's TLS files or none, and limits no
     * larger than the parent's.
     */
    @Override
    public Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        HttpFrameworkConfig granted = HttpFrameworkConfig.from(parent);
        HttpFrameworkConfig asked = HttpFrameworkConfig.from(child);
        java.util.List<String> hosts = new java.util.ArrayList<>(asked.allowedHosts());
        hosts.add(asked.host());
        for (String h : hosts) {
            if (!granted.hostAllowed(h)) {
                return Optional.of("config key '" + HttpFrameworkConfig.HOST + "'/'" + HttpFrameworkConfig.ALLOWED_HOSTS
                        + "' has \"" + h + "\", which the parent's does not allow");
            }
        }
        java.util.List<HttpFrameworkConfig.PortRange> ports = new java.util.ArrayList<>(asked.allowedPorts());
        asked.port().ifPresent(p -> ports.add(new HttpFrameworkConfig.PortRange(p, p)));
        for (HttpFrameworkConfig.PortRange r : ports) {
            boolean within = granted.allowedPorts().stream().anyMatch(r::within)
                    || (r.low() == r.high() && granted.portAllowed(r.low()));
            if (!within) {
                return Optional.of("config key '" + HttpFrameworkConfig.ALLOWED_PORTS + "'/'" + HttpFrameworkConfig.PORT
                        + "' has " + r.text() + ", which the parent's " + granted.portsText() + " does not allow");
            }
        }
        if (asked.tlsCertPath().isPresent() && (!asked.tlsCertPath().equals(granted.tlsCertPath())
                || !asked.tlsKeyPath().equals(granted.tlsKeyPath()))) {
            return Optional.of("config keys '" + HttpFrameworkConfig.TLS_CERT_PATH + "' and '" + HttpFrameworkConfig.TLS_KEY_PATH
                    + "' must be the parent's or unset");
        }
        record Cap(String key, long asked, long granted) {}
        for (Cap c : new Cap[] {
                new Cap(HttpFrameworkConfig.MAX_SERVERS, asked.maxServers(), granted.maxServers()),
                new Cap(HttpFrameworkConfig.MAX_ROUTES, asked.maxRoutes(), granted.maxRoutes()),
                new Cap(HttpFrameworkConfig.MAX_REQUEST_BYTES, asked.maxRequestBytes(), granted.maxRequestBytes()),
                new Cap(HttpFrameworkConfig.REQUEST_TIMEOUT_MS, asked.requestTimeoutMs(), granted.requestTimeoutMs()),
                new Cap(HttpFrameworkConfig.MAX_CONNECTIONS, asked.maxConnections(), granted.maxConnections()),
                new Cap(HttpFrameworkConfig.MAX_WEBSOCKET_MESSAGE_BYTES, asked.maxWebSocketMessageBytes(),
                        granted.maxWebSocketMessageBytes())}) {
            if (c.asked() > c.granted()) {
                return Optional.of(child.moreThanParent(c.key(), c.asked(), c.granted()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Handler create(HandlerContext context) {
        HttpFrameworkConfig config = HttpFrameworkConfig.from(context.config());
        // the TLS files are read when the actor starts: a bad one fails the start naming the key, not a later call
        Optional<KeyStore> tls = Optional.empty();
        if (config.tlsCertPath().isPresent()) {
            try {
                tls = Optional.of(PemKeyStore.load(config.tlsCert(context.manifestDirectory()).orElseThrow(),
                        config.tlsKey(context.manifestDirectory()).orElseThrow()));
            } catch (HttpFrameworkException e) {
                // "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: cannot read …" (the words keep the
                // keys and PemKeyStore's reason apart; without them the two ran together)
                throw context.config().error(HttpFrameworkConfig.TLS_CERT_PATH + "' / '" + HttpFrameworkConfig.TLS_KEY_PATH,
                        "cannot be used: " + e.getMessage());
            }
        }
        return new HttpFrameworkHandler(context.actorId(), config, tls, ids::incrementAndGet, timers());
    }

    private ScheduledThreadPoolExecutor timers() {
        ScheduledThreadPoolExecutor t = timers;
        if (t == null) {
            synchronized (this) {
                if (timers == null) {
                    t = new ScheduledThreadPoolExecutor(1, r -> {
                        Thread thread = new Thread(r, "http-framework-deadlines");
                        thread.setDaemon(true);
                        return thread;
                    });
                    t.setRemoveOnCancelPolicy(true);
                    timers = t;
                }
                t = timers;
            }
        }
        return t;
    }
}
