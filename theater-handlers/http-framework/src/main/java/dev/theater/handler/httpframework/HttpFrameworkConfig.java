package dev.theater.handler.httpframework;

import dev.theater.api.handler.HandlerConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The http-framework handler's configuration, deny by default: servers bind {@code 127.0.0.1} only, on a port the
 * system picks unless {@code port} or {@code allowed_ports} grants one, without TLS unless the manifest names the
 * files. Any other key is an error naming it and the manifest line.
 *
 * @param host                     the bind address when a server-config names none
 * @param allowedHosts             the other bind addresses an actor may name (as written)
 * @param port                     the port when a server-config names none; empty: the system picks one
 * @param allowedPorts             the other ports an actor may ask for (0, the system's pick, always may)
 * @param tlsCertPath              the PEM certificate chain, as written in the manifest (relative to its folder)
 * @param tlsKeyPath               the PEM (PKCS#8) private key, likewise
 * @param maxServers               servers per actor
 * @param maxRoutes                routes + middleware + WebSocket paths per server
 * @param maxRequestBytes          the largest request body; a larger one is answered 413
 * @param requestTimeoutMs         middleware plus handler must answer within this, else 503
 * @param maxConnections           open connections per server (more wait to be accepted)
 * @param maxWebSocketMessageBytes the largest WebSocket message taken from a client (a larger one closes with 1009)
 */
record HttpFrameworkConfig(String host, List<String> allowedHosts, OptionalInt port, List<PortRange> allowedPorts,
                           Optional<String> tlsCertPath, Optional<String> tlsKeyPath, int maxServers, int maxRoutes,
                           long maxRequestBytes, long requestTimeoutMs, int maxConnections,
                           long maxWebSocketMessageBytes) {

    static final String HOST = "host";
    static final String ALLOWED_HOSTS = "allowed_hosts";
    static final String PORT = "port";
    static final String ALLOWED_PORTS = "allowed_ports";
    static final String TLS_CERT_PATH = "tls_cert_path";
    static final String TLS_KEY_PATH = "tls_key_path";
    static final String MAX_SERVERS = "max_servers";
    static final String MAX_ROUTES = "max_routes";
    static final String MAX_REQUEST_BYTES = "max_request_bytes";
    static final String REQUEST_TIMEOUT_MS = "request_timeout_ms";
    static final String MAX_CONNECTIONS = "max_connections";
    static final String MAX_WEBSOCKET_MESSAGE_BYTES = "max_websocket_message_bytes";

    static final String DEFAULT_HOST = "127.0.0.1";

    /** A port, or an inclusive range of them ({@code "8000-8099"}). */
    record PortRange(int low, int high) {
        boolean contains(int port) {
            return port >= low && port <= high;
        }

        String text() {
            return low == high ? Integer.toString(low) : low + "-" + high;
        }

        boolean within(PortRange other) {
            return low >= other.low && high <= other.high;
        }
    }

    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    static HttpFrameworkConfig from(HandlerConfig config) {
        config.allowOnly(Set.of(HOST, ALLOWED_HOSTS, PORT, ALLOWED_PORTS, TLS_CERT_PATH, TLS_KEY_PATH, MAX_SERVERS,
                MAX_ROUTES, MAX_REQUEST_BYTES, REQUEST_TIMEOUT_MS, MAX_CONNECTIONS, MAX_WEBSOCKET_MESSAGE_BYTES));
        String host = config.string(HOST).orElse(DEFAULT_HOST);
        checkAddress(config, HOST, host);
        List<String> hosts = new ArrayList<>();
        for (Object o : list(config, ALLOWED_HOSTS)) {
            if (!(o instanceof String s)) {
                throw config.error(ALLOWED_HOSTS, "must be a list of IP addresses, e.g. [\"0.0.0.0\"], found the element " + o);
            }
            checkAddress(config, ALLOWED_HOSTS, s);
            hosts.add(s);
        }
        OptionalInt port = OptionalInt.empty();
        if (config.integer(PORT).isPresent()) {
            long p = config.integer(PORT).get();
            if (p < 0 || p > 65535) {
                throw config.error(PORT, "must be within 0..65535, found " + p);
            }
            port = p == 0 ? OptionalInt.empty() : OptionalInt.of((int) p);
        }
        List<PortRange> ports = new ArrayList<>();
        for (Object o : list(config, ALLOWED_PORTS)) {
            ports.add(portRange(config, o));
        }
        Optional<String> cert = config.string(TLS_CERT_PATH);
        Optional<String> key = config.string(TLS_KEY_PATH);
        if (cert.isPresent() != key.isPresent()) {
            String missing = cert.isPresent() ? TLS_KEY_PATH : TLS_CERT_PATH;
            throw config.error(missing, "is missing: " + TLS_CERT_PATH + " and " + TLS_KEY_PATH + " go together");
        }
        for (String k : List.of(TLS_CERT_PATH, TLS_KEY_PATH)) {
            if (config.string(k).map(String::isBlank).orElse(false)) {
                throw config.error(k, "must name a PEM file, found an empty string");
            }
        }
        return new HttpFrameworkConfig(host, List.copyOf(hosts), port, List.copyOf(ports), cert, key,
                (int) range(config, MAX_SERVERS, 8, 0, 1024),
                (int) range(config, MAX_ROUTES, 256, 1, 65_536),
                range(config, MAX_REQUEST_BYTES, 1L << 20, 0, 1L << 30),
                range(config, REQUEST_TIMEOUT_MS, 30_000, 1, 3_600_000),
                (int) range(config, MAX_CONNECTIONS, 256, 1, 65_536),
                range(config, MAX_WEBSOCKET_MESSAGE_BYTES, 64L << 10, 1, 64L << 20));
    }

    /** Whether an actor may bind {@code address} (as it wrote it). */
    boolean hostAllowed(String address) {
        return address.equals(host) || allowedHosts.contains(address);
    }

    /** Whether an actor may ask for {@code port}. */
    boolean portAllowed(int port) {
        return port == 0 || (this.port.isPresent() && this.port.getAsInt() == port)
                || allowedPorts.stream().anyMatch(r -> r.contains(port));
    }

    /** The ports an actor may ask for besides 0, for error messages. */
    List<String> portsText() {
        List<String> out = new ArrayList<>();
        port.ifPresent(p -> out.add(Integer.toString(p)));
        allowedPorts.forEach(r -> out.add(r.text()));
        return out;
    }

    Optional<Path> tlsCert(Path manifestDirectory) {
        return tlsCertPath.map(p -> manifestDirectory.resolve(p).toAbsolutePath().normalize());
    }

    Optional<Path> tlsKey(Path manifestDirectory) {
        return tlsKeyPath.map(p -> manifestDirectory.resolve(p).toAbsolutePath().normalize());
    }

    /** A bind address must be an IP literal: a name would be resolved, and could come to mean another interface. */
    private static void checkAddress(HandlerConfig config, String key, String address) {
        if (!isIpLiteral(address)) {
            throw config.error(key, "has \"" + address + "\", which is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)");
        }
    }

    static boolean isIpLiteral(String address) {
        try {
            InetAddress.ofLiteral(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PortRange portRange(HandlerConfig config, Object o) {
        if (o instanceof Long l) {
            if (l < 1 || l > 65535) {
                throw config.error(ALLOWED_PORTS, "has the port " + l + ", outside 1..65535");
            }
            return new PortRange(l.intValue(), l.intValue());
        }
        if (o instanceof String s) {
            Matcher m = RANGE.matcher(s);
            if (m.matches()) {
                int low = Integer.parseInt(m.group(1));
                int high = Integer.parseInt(m.group(2));
                if (low >= 1 && high <= 65535 && low <= high) {
                    return new PortRange(low, high);
                }
            }
            throw config.error(ALLOWED_PORTS, "has \"" + s + "\", which is not a range \"low-high\" within 1..65535");
        }
        throw config.error(ALLOWED_PORTS, "must be a list of ports or \"low-high\" ranges, e.g. [8080, \"9000-9099\"],"
                + " found the element " + o);
    }

    private static List<?> list(HandlerConfig config, String key) {
        Object value = config.values().get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw config.error(key, "must be a list, found " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT)
                    + " " + value);
        }
        return l;
    }

    private static long range(HandlerConfig config, String key, long defaultValue, long least, long most) {
        long value = config.integer(key).orElse(defaultValue);
        if (value < least || value > most) {
            throw config.error(key, "must be within " + least + ".." + most + ", found " + value);
        }
        return value;
    }

}
