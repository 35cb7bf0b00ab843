package dev.theater.handler.httpframework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.core.ActorRef;
import dev.theater.handler.httpframework.HttpFrameworkConfig.PortRange;
import dev.theater.handler.supervisor.SupervisorHandlerProvider;
import dev.theater.handler.testing.GuestFolder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http-framework handler's config, deny by default: the defaults, every key read, an unknown key or a bad value
 * of any key an error naming it (and, at an actor's start, the manifest line), what create-server refuses and what
 * {@code port}, {@code allowed_ports}, {@code host}, {@code allowed_hosts} and {@code max_servers} grant, through the
 * real web-probe guest on 127.0.0.x; and a child (spawned by the sup-parent guest through the supervisor handler)
 * granted no more than its parent, with every rule of {@code widens}.
 */
class HttpFrameworkConfigTest {

    static final String KNOWN = "[allowed_hosts, allowed_ports, host, max_connections, max_request_bytes, max_routes,"
            + " max_servers, max_websocket_message_bytes, port, request_timeout_ms, tls_cert_path, tls_key_path]";

    @TempDir
    Path folder;
    @TempDir
    Path home;
    private WebApp app;

    @BeforeEach
    void start() {
        app = new WebApp(folder, home, b -> b.addProvider(new SupervisorHandlerProvider()));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static HandlerConfig config(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new HandlerConfig("http-framework", values, "actor.toml:7");
    }

    /** The message of a config error of {@code key}, as HttpFrameworkConfig.from gives it for {@link #config}. */
    private static String error(String key, String problem) {
        return "actor.toml:7: handler 'http-framework': config key '" + key + "' " + problem;
    }

    // --- the keys ------------------------------------------------------------------------------------------------

    @Test
    void theDefaultsDenyEverythingButLoopbackOnAPortTheSystemPicks() {
        HttpFrameworkConfig c = HttpFrameworkConfig.from(config());
        assertThat(c).isEqualTo(new HttpFrameworkConfig("127.0.0.1", List.of(), OptionalInt.empty(), List.of(),
                Optional.empty(), Optional.empty(), 8, 256, 1L << 20, 30_000, 256, 64L << 10));
        assertThat(c.portAllowed(0)).isTrue();
        assertThat(c.portAllowed(8080)).isFalse();
        assertThat(c.hostAllowed("127.0.0.1")).isTrue();
        assertThat(c.hostAllowed("0.0.0.0")).isFalse();
        assertThat(HttpFrameworkConfig.from(config("port", 0L)).port()).isEmpty(); // 0: the system picks, as unset
    }

    @Test
    void everyKeyIsRead() {
        HttpFrameworkConfig c = HttpFrameworkConfig.from(config("host", "::1", "allowed_hosts", List.of("0.0.0.0", "10.0.0.1"),
                "port", 8080L, "allowed_ports", List.of("9000-9009", 7000L), "tls_cert_path", "tls/c.pem",
                "tls_key_path", "tls/k.pem", "max_servers", 0L, "max_routes", 1L, "max_request_bytes", 0L,
                "request_timeout_ms", 1L, "max_connections", 65_536L, "max_websocket_message_bytes", 64L << 20));
        assertThat(c).isEqualTo(new HttpFrameworkConfig("::1", List.of("0.0.0.0", "10.0.0.1"), OptionalInt.of(8080),
                List.of(new PortRange(9000, 9009), new PortRange(7000, 7000)), Optional.of("tls/c.pem"),
                Optional.of("tls/k.pem"), 0, 1, 0, 1, 65_536, 64L << 20));
        assertThat(List.of(8080, 9000, 9005, 9009, 7000, 0)).allMatch(c::portAllowed);
        assertThat(List.of(8999, 9010, 7001, 80)).noneMatch(c::portAllowed);
        assertThat(c.portsText()).containsExactly("8080", "9000-9009", "7000");
    }

    @Test
    void anUnknownKeyFailsTheActorsStartNamingItAndTheManifestLine() {
        assertThatThrownBy(() -> app.web("typo", "max_request = 5")).isInstanceOf(HandlerException.class)
                .hasMessage("actor 'typo': " + folder.resolve("typo.toml") + ":9: handler 'http-framework': config key"
                        + " 'max_request' is not a known key; the known keys are " + KNOWN);
        assertThatThrownBy(() -> HttpFrameworkConfig.from(config("port", 80L, "allowed_port", List.of(81L))))
                .isInstanceOf(HandlerException.class)
                .hasMessage(error("allowed_port", "is not a known key; the known keys are " + KNOWN));
        assertThat(app.theater.actorIds()).doesNotContain("typo");
    }

    @Test
    void aBadValueFailsTheActorsStartNamingTheKeyAndTheManifestLine() {
        for (String[] c : new String[][] {
                {"name", "host = \"localhost\"", "'host' has \"localhost\", which is not an IP address (e.g. 127.0.0.1,"
                        + " ::1, 0.0.0.0)"},
                {"range", "allowed_ports = [\"9-3\"]", "'allowed_ports' has \"9-3\", which is not a range \"low-high\""
                        + " within 1..65535"},
                {"type", "port = \"80\"", "'port' must be an integer, found string 80"},
                {"float", "max_servers = 1.5", "'max_servers' must be an integer, found double 1.5"}}) {
            assertThatThrownBy(() -> app.web(c[0], c[1])).as(c[1]).isInstanceOf(HandlerException.class)
                    .hasMessage("actor '" + c[0] + "': " + folder.resolve(c[0] + ".toml") + ":9: handler 'http-framework':"
                            + " config key " + c[2]);
        }
    }

    @Test
    void everyKeysBadValuesAreErrorsNamingIt() {
        Object[][] cases = {
                // the addresses: IP literals only
                {"host", "localhost", "has \"localhost\", which is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)"},
                {"host", "example.com", "has \"example.com\", which is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)"},
                {"host", "127.0.0.256", "has \"127.0.0.256\", which is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)"},
                {"host", 5L, "must be a string, found long 5"},
                {"allowed_hosts", "0.0.0.0", "must be a list, found string 0.0.0.0"},
                {"allowed_hosts", List.of("localhost"), "has \"localhost\", which is not an IP address (e.g. 127.0.0.1,"
                        + " ::1, 0.0.0.0)"},
                {"allowed_hosts", List.of(7L), "must be a list of IP addresses, e.g. [\"0.0.0.0\"], found the element 7"},
                // the ports
                {"port", 65_536L, "must be within 0..65535, found 65536"},
                {"port", -1L, "must be within 0..65535, found -1"},
                {"port", "8080", "must be an integer, found string 8080"},
                {"allowed_ports", 8080L, "must be a list, found long 8080"},
                {"allowed_ports", List.of("9-3"), "has \"9-3\", which is not a range \"low-high\" within 1..65535"},
                {"allowed_ports", List.of("0-10"), "has \"0-10\", which is not a range \"low-high\" within 1..65535"},
                {"allowed_ports", List.of("9000-70000"), "has \"9000-70000\", which is not a range \"low-high\" within"
                        + " 1..65535"},
                {"allowed_ports", List.of("9000"), "has \"9000\", which is not a range \"low-high\" within 1..65535"},
                {"allowed_ports", List.of("a-b"), "has \"a-b\", which is not a range \"low-high\" within 1..65535"},
                {"allowed_ports", List.of(0L), "has the port 0, outside 1..65535"},
                {"allowed_ports", List.of(65_536L), "has the port 65536, outside 1..65535"},
                {"allowed_ports", List.of(1.5), "must be a list of ports or \"low-high\" ranges, e.g. [8080, \"9000-9099\"],"
                        + " found the element 1.5"},
                // the TLS files
                {"tls_cert_path", 1L, "must be a string, found long 1"},
                // the limits
                {"max_servers", 1025L, "must be within 0..1024, found 1025"},
                {"max_servers", -1L, "must be within 0..1024, found -1"},
                {"max_servers", "8", "must be an integer, found string 8"},
                {"max_routes", 0L, "must be within 1..65536, found 0"},
                {"max_routes", 65_537L, "must be within 1..65536, found 65537"},
                {"max_request_bytes", (1L << 30) + 1, "must be within 0..1073741824, found 1073741825"},
                {"max_request_bytes", -1L, "must be within 0..1073741824, found -1"},
                {"max_request_bytes", true, "must be an integer, found boolean true"},
                {"request_timeout_ms", 0L, "must be within 1..3600000, found 0"},
                {"request_timeout_ms", 3_600_001L, "must be within 1..3600000, found 3600001"},
                {"max_connections", 0L, "must be within 1..65536, found 0"},
                {"max_connections", 65_537L, "must be within 1..65536, found 65537"},
                {"max_websocket_message_bytes", 0L, "must be within 1..67108864, found 0"},
                {"max_websocket_message_bytes", (64L << 20) + 1, "must be within 1..67108864, found 67108865"},
                {"max_websocket_message_bytes", 1.0, "must be an integer, found double 1.0"}};
        for (Object[] c : cases) {
            String key = (String) c[0];
            // the TLS keys go together: a bad cert path comes with a good key path
            Object[] values = key.equals("tls_cert_path") ? new Object[] {key, c[1], "tls_key_path", "k.pem"} : new Object[] {key, c[1]};
            assertThatThrownBy(() -> HttpFrameworkConfig.from(config(values))).as(key + " = " + c[1])
                    .isInstanceOf(HandlerException.class).hasMessage(error(key, (String) c[2]));
        }
        assertThatThrownBy(() -> HttpFrameworkConfig.from(config("tls_cert_path", "c.pem", "tls_key_path", 2L)))
                .hasMessage(error("tls_key_path", "must be a string, found long 2"));
        assertThatThrownBy(() -> HttpFrameworkConfig.from(config("tls_cert_path", "c.pem")))
                .hasMessage(error("tls_key_path", "is missing: tls_cert_path and tls_key_path go together"));
        assertThatThrownBy(() -> HttpFrameworkConfig.from(config("tls_key_path", "k.pem")))
                .hasMessage(error("tls_cert_path", "is missing: tls_cert_path and tls_key_path go together"));
        assertThatThrownBy(() -> HttpFrameworkConfig.from(config("tls_cert_path", "c.pem", "tls_key_path", " ")))
                .hasMessage(error("tls_key_path", "must name a PEM file, found an empty string"));
    }

    // --- what create-server refuses, and what the keys grant ---------------------------------------------------

    @Test
    void byDefaultAServerBindsLoopbackOnAPortTheSystemPicksAndNothingElse() {
        ActorRef web = app.web("web", "");
        assertThat(WebApp.err(web, "create", "8080", "-", "-", "-")).isEqualTo("create-server: port 8080 is not allowed:"
                + " the handler's config allows 0 (the system picks one) (keys 'port', 'allowed_ports')");
        assertThat(WebApp.err(web, "create", "0", "0.0.0.0", "-", "-")).isEqualTo("create-server: host \"0.0.0.0\" is not"
                + " allowed: the handler's config allows [127.0.0.1] (keys 'host', 'allowed_hosts')");
        assertThat(WebApp.err(web, "create", "0", "localhost", "-", "-")).isEqualTo("create-server: host \"localhost\" is"
                + " not allowed: the handler's config allows [127.0.0.1] (keys 'host', 'allowed_hosts')");
        assertThat(WebApp.err(web, "create", "0", "127.0.0.2", "-", "-")).startsWith("create-server: host \"127.0.0.2\" is"
                + " not allowed");
        String server = WebApp.ok(web, "create", "-", "-", "-", "-");
        int port = WebApp.start(web, server);
        assertThat(port).isPositive();
        assertThat(WebApp.ok(web, "info", server)).isEqualTo("id=" + server + " port=" + port
                + " host=127.0.0.1 running=1 routes=0 middleware=0 websocket=0");
        assertThat(started(web)).singleElement().satisfies(e -> {
            assertThat(WsProbe.field(e, "host")).isEqualTo("127.0.0.1");
            assertThat(WsProbe.field(e, "port")).isEqualTo(Integer.toString(port));
            assertThat(WsProbe.field(e, "tls")).isEqualTo("false");
        });
    }

    @Test
    void allowedPortsAdmitTheirPortsAndRangesAndNoOthers() throws Exception {
        int p = freePort();
        int q = freePort();
        int low = p - 1;
        int high = Math.min(p + 1, 65_535);
        ActorRef web = app.web("web", "allowed_ports = [\"" + low + "-" + high + "\", " + q + "]");
        String ranged = WebApp.ok(web, "create", Integer.toString(p), "-", "-", "-");
        WebApp.ok(web, "route", ranged, "/", "GET", WebApp.register(web, "ranged"));
        assertThat(WebApp.start(web, ranged)).isEqualTo(p);
        assertThat(WebApp.get(p, "/").body()).isEqualTo("ranged");
        String single = WebApp.ok(web, "create", Integer.toString(q), "-", "-", "-");
        WebApp.ok(web, "route", single, "/", "GET", WebApp.register(web, "single"));
        assertThat(WebApp.start(web, single)).isEqualTo(q);
        assertThat(WebApp.get(q, "/").body()).isEqualTo("single");

        String granted = "the handler's config allows 0 (the system picks one) and [" + low + "-" + high + ", " + q + "]"
                + " (keys 'port', 'allowed_ports')";
        for (int outside : List.of(low - 1, high + 1 == q ? high + 2 : high + 1)) {
            if (outside != q && outside <= 65_535) {
                assertThat(WebApp.err(web, "create", Integer.toString(outside), "-", "-", "-"))
                        .isEqualTo("create-server: port " + outside + " is not allowed: " + granted);
            }
        }
        assertThat(WebApp.ok(web, "create", "0", "-", "-", "-")).matches("\\d+"); // 0 always may
    }

    @Test
    void theConfigsPortIsTheOneAServerConfigWithoutAPortGets() throws Exception {
        int p = freePort();
        ActorRef web = app.web("web", "port = " + p);
        String server = WebApp.ok(web, "create", "-", "-", "-", "-");
        WebApp.ok(web, "route", server, "/", "GET", WebApp.register(web, "configured"));
        assertThat(WebApp.start(web, server)).isEqualTo(p);
        assertThat(WebApp.get(p, "/").body()).isEqualTo("configured");
        assertThat(WebApp.ok(web, "info", server)).contains(" port=" + p + " ");
        // the same port, asked for: allowed; bound already, so its start fails naming the address
        String again = WebApp.ok(web, "create", Integer.toString(p), "-", "-", "-");
        assertThat(WebApp.err(web, "start", again)).startsWith("start-server: cannot listen on 127.0.0.1:" + p + ": the"
                + " port is in use, or the address is not this machine's");
        // some(0) still lets the system pick
        String picked = WebApp.ok(web, "create", "0", "-", "-", "-");
        assertThat(WebApp.start(web, picked)).isPositive().isNotEqualTo(p);
        assertThat(WebApp.err(web, "create", Integer.toString(p == 65_535 ? p - 1 : p + 1), "-", "-", "-"))
                .endsWith("the handler's config allows 0 (the system picks one) and [" + p + "] (keys 'port',"
                        + " 'allowed_ports')");
    }

    @Test
    void allowedHostsAdmitTheirAddressAndTheServerBindsOnlyIt() throws Exception {
        ActorRef web = app.web("web", "allowed_hosts = [\"127.0.0.2\"]");
        String server = WebApp.ok(web, "create", "0", "127.0.0.2", "-", "-");
        WebApp.ok(web, "route", server, "/", "GET", WebApp.register(web, "two"));
        int port = WebApp.start(web, server);
        assertThat(WebApp.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.2:" + port + "/"))
                .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("two");
        assertThat(WebApp.ok(web, "info", server)).contains(" host=127.0.0.2 ");
        assertThat(WsProbe.field(started(web).getFirst(), "host")).isEqualTo("127.0.0.2");
        // bound to 127.0.0.2 only: nothing listens on 127.0.0.1 at that port
        assertThatThrownBy(() -> new Socket(InetAddress.getByName("127.0.0.1"), port).close())
                .isInstanceOf(ConnectException.class);
        // the config's host stays allowed; an address neither names does not
        assertThat(WebApp.ok(web, "create", "0", "127.0.0.1", "-", "-")).matches("\\d+");
        assertThat(WebApp.err(web, "create", "0", "127.0.0.3", "-", "-")).isEqualTo("create-server: host \"127.0.0.3\" is"
                + " not allowed: the handler's config allows [127.0.0.1, 127.0.0.2] (keys 'host', 'allowed_hosts')");
    }

    @Test
    void theConfigsHostIsTheOneAServerConfigWithoutAHostGets() {
        ActorRef web = app.web("web", "host = \"127.0.0.2\"");
        String server = WebApp.ok(web, "create", "0", "-", "-", "-");
        WebApp.ok(web, "route", server, "/", "GET", WebApp.register(web, "two"));
        int port = WebApp.start(web, server);
        assertThat(WebApp.ok(web, "info", server)).contains(" host=127.0.0.2 ");
        assertThat(WsProbe.field(started(web).getFirst(), "host")).isEqualTo("127.0.0.2");
        // 127.0.0.1 is only the default's: a config naming another host no longer grants it
        assertThat(WebApp.err(web, "create", "0", "127.0.0.1", "-", "-")).isEqualTo("create-server: host \"127.0.0.1\" is"
                + " not allowed: the handler's config allows [127.0.0.2] (keys 'host', 'allowed_hosts')");
        assertThat(port).isPositive();
    }

    @Test
    void maxServersIsTheMostAnActorMayHaveAtOnce() {
        ActorRef web = app.web("web", "max_servers = 2");
        String first = WebApp.server(web);
        WebApp.server(web);
        assertThat(WebApp.err(web, "create", "0", "-", "-", "-")).isEqualTo("create-server: actor 'web' has 2 servers, the"
                + " most the handler's max_servers allows; destroy one first");
        WebApp.ok(web, "destroy", first);
        assertThat(WebApp.server(web)).matches("\\d+"); // room again

        ActorRef none = app.web("none", "max_servers = 0");
        assertThat(WebApp.err(none, "create", "0", "-", "-", "-")).isEqualTo("create-server: actor 'none' has 0 servers,"
                + " the most the handler's max_servers allows; destroy one first");
    }

    // --- a child gets no more than its parent ----------------------------------------------------------------------

    @Test
    void aSupervisorsChildMayNotBeGrantedMoreThanItsParent() {
        GuestFolder.copyGuest("sup-parent", folder);
        ActorRef parent = app.theater.start(app.write("parent.toml", "name = \"parent\"\n"
                + "component_path = \"sup-parent.wasm\"\n[[handlers]]\ntype = \"runtime\"\n"
                + "[[handlers]]\ntype = \"message-server\"\n[[handlers]]\ntype = \"supervisor\"\n"
                + "[[handlers]]\ntype = \"timing\"\n[[handlers]]\ntype = \"http-framework\"\n"
                + "config = { max_request_bytes = 1000, allowed_ports = [\"9000-9009\"], allowed_hosts = [\"127.0.0.2\"] }\n"));
        String[][] greedy = {
                {"default", "", "config key 'max_request_bytes' = 1048576 (the default) is more than the parent's 1000;"
                        + " set it to at most 1000"},
                {"bytes", "max_request_bytes = 1001", "config key 'max_request_bytes' = 1001 is more than the parent's"
                        + " 1000; set it to at most 1000"},
                {"ports", "max_request_bytes = 10, allowed_ports = [\"9000-9010\"]", "config key 'allowed_ports'/'port'"
                        + " has 9000-9010, which the parent's [9000-9009] does not allow"},
                {"port", "max_request_bytes = 10, port = 8080", "config key 'allowed_ports'/'port' has 8080, which the"
                        + " parent's [9000-9009] does not allow"},
                {"hosts", "max_request_bytes = 10, allowed_hosts = [\"0.0.0.0\"]", "config key 'host'/'allowed_hosts' has"
                        + " \"0.0.0.0\", which the parent's does not allow"},
                {"tls", "max_request_bytes = 10, tls_cert_path = \"c.pem\", tls_key_path = \"k.pem\"", "config keys"
                        + " 'tls_cert_path' and 'tls_key_path' must be the parent's or unset"}};
        for (String[] g : greedy) {
            String manifest = WebApp.manifestStart(g[0], "web-probe") + WebApp.handler("timing", "")
                    + WebApp.handler("http-framework", g[1]);
            app.write(g[0] + ".toml", manifest);
            assertThat(WebApp.one(parent, "spawn " + g[0] + ".toml")).as(g[1]).isEqualTo("spawn failed: "
                    + folder.resolve(g[0] + ".toml") + ":9: handler 'http-framework': " + g[2]
                    + " (a child never gets more than its parent)");
        }

        app.write("modest.toml", WebApp.manifestStart("modest", "web-probe") + WebApp.handler("timing", "")
                + WebApp.handler("http-framework", "max_request_bytes = 1000, allowed_ports = [\"9003-9004\"], host = \"127.0.0.2\""));
        String spawned = WebApp.one(parent, "spawn modest.toml");
        assertThat(spawned).startsWith("spawned ");
        ActorRef child = app.theater.actor(spawned.substring("spawned ".length())).orElseThrow();
        String server = WebApp.ok(child, "create", "0", "-", "-", "-");
        assertThat(WebApp.ok(child, "info", server)).contains(" host=127.0.0.2 ");
        assertThat(WebApp.err(child, "create", "9000", "-", "-", "-")).startsWith("create-server: port 9000 is not allowed");
        assertThat(app.theater.actorIds()).noneMatch(id -> greedyChild(id, greedy));
    }

    private static boolean greedyChild(String id, String[][] greedy) {
        for (String[] g : greedy) {
            if (id.contains(g[0])) {
                return true;
            }
        }
        return false;
    }

    @Test
    void widensChecksAddressesPortsTlsFilesAndEveryLimit() {
        HttpFrameworkHandlerProvider provider = new HttpFrameworkHandlerProvider();
        HandlerConfig parent = config("host", "127.0.0.1", "allowed_hosts", List.of("0.0.0.0"), "port", 8080L,
                "allowed_ports", List.of("9000-9009"), "tls_cert_path", "tls/c.pem", "tls_key_path", "tls/k.pem",
                "max_servers", 4L, "max_routes", 10L, "max_request_bytes", 1000L, "request_timeout_ms", 5000L,
                "max_connections", 20L, "max_websocket_message_bytes", 100L);
        Object[] caps = {"max_servers", 4L, "max_routes", 10L, "max_request_bytes", 1000L, "request_timeout_ms", 5000L,
                "max_connections", 20L, "max_websocket_message_bytes", 100L};

        // the parent's own grants, or fewer, or narrower: all fine
        assertThat(provider.widens(parent, parent)).isEmpty();
        assertThat(provider.widens(parent, config(with(caps, "host", "0.0.0.0", "allowed_hosts", List.of("127.0.0.1"),
                "port", 9005L, "allowed_ports", List.of("9001-9002", 8080L, 9009L))))).isEmpty();
        assertThat(provider.widens(parent, config(with(caps, "max_servers", 0L, "max_request_bytes", 0L)))).isEmpty();
        assertThat(provider.widens(parent, config(with(caps, "tls_cert_path", "tls/c.pem", "tls_key_path", "tls/k.pem")))).isEmpty();

        // addresses and ports the parent may not use
        assertThat(provider.widens(parent, config(with(caps, "host", "127.0.0.2"))))
                .contains("config key 'host'/'allowed_hosts' has \"127.0.0.2\", which the parent's does not allow");
        assertThat(provider.widens(parent, config(with(caps, "allowed_hosts", List.of("::")))))
                .contains("config key 'host'/'allowed_hosts' has \"::\", which the parent's does not allow");
        assertThat(provider.widens(parent, config(with(caps, "port", 8081L))))
                .contains("config key 'allowed_ports'/'port' has 8081, which the parent's [8080, 9000-9009] does not allow");
        assertThat(provider.widens(parent, config(with(caps, "allowed_ports", List.of("8080-8081")))))
                .contains("config key 'allowed_ports'/'port' has 8080-8081, which the parent's [8080, 9000-9009] does not allow");
        assertThat(provider.widens(parent, config(with(caps, "allowed_ports", List.of("8999-9009"))))).isPresent();
        // other TLS files, or one of the parent's with another
        assertThat(provider.widens(parent, config(with(caps, "tls_cert_path", "tls/c.pem", "tls_key_path", "other.pem"))))
                .contains("config keys 'tls_cert_path' and 'tls_key_path' must be the parent's or unset");
        assertThat(provider.widens(config(), config("tls_cert_path", "c.pem", "tls_key_path", "k.pem"))).isPresent();

        // every limit: above the parent's, or left at a default above it
        for (int i = 0; i < caps.length; i += 2) {
            String key = (String) caps[i];
            long granted = (Long) caps[i + 1];
            assertThat(provider.widens(parent, config(with(caps, key, granted + 1)))).as(key)
                    .contains("config key '" + key + "' = " + (granted + 1) + " is more than the parent's " + granted
                            + "; set it to at most " + granted);
        }
        assertThat(provider.widens(parent, config())).contains("config key 'max_servers' = 8 (the default) is more than"
                + " the parent's 4; set it to at most 4");
        assertThat(provider.widens(config(), config())).isEmpty();
        assertThat(provider.widens(config(), config("max_request_bytes", (1L << 20) + 1))).isPresent();
    }

    /** {@code base} (keys and values) with {@code changes} put over it. */
    private static Object[] with(Object[] base, Object... changes) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < base.length; i += 2) {
            values.put((String) base[i], base[i + 1]);
        }
        for (int i = 0; i < changes.length; i += 2) {
            values.put((String) changes[i], changes[i + 1]);
        }
        Object[] out = new Object[values.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            out[i++] = e.getKey();
            out[i++] = e.getValue();
        }
        return out;
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** A port free on 127.0.0.1 a moment ago (the test binds it next; nothing else on this machine is expected to). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static List<JObject> started(ActorRef actor) {
        return actor.chain().stream().filter(e -> e.eventType().equals("http-framework/server-started"))
                .map(e -> (JObject) JsonReader.parse(e.data())).toList();
    }
}
