package dev.theater.handler.httpframework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.core.ActorRef;
import dev.theater.handler.testing.Logs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The http-framework handler's limits through the real web-probe guest on 127.0.0.1: {@code max_request_bytes}
 * (413 before the actor is called, with a Content-Length or chunked; a body exactly at the limit passes whole),
 * {@code request_timeout_ms} (503 at the deadline, the late answer recorded and dropped, a call still queued then
 * withdrawn unrun), {@code max_connections} (a connection past the limit is served only once another closes) and
 * {@code max_routes} (routes, middleware and WebSocket paths counted together).
 */
class HttpFrameworkLimitsTest {

    static final String TIMED_OUT = "http-framework/timed-out";
    static final String LATE = "http-framework/late-response";

    @TempDir
    Path folder;
    @TempDir
    Path home;
    private WebApp app;

    @BeforeEach
    void start() {
        app = new WebApp(folder, home);
    }

    @AfterEach
    void close() {
        app.close();
    }

    /** An actor ({@code config}) with one started server: {@code *} on /echo to echo, GET /slow to slow; its port. */
    private record Site(ActorRef actor, String server, int port) {}

    private Site site(String config) {
        ActorRef web = app.web("web", config);
        String server = WebApp.server(web);
        WebApp.ok(web, "route", server, "/echo", "*", WebApp.register(web, "echo"));
        WebApp.ok(web, "route", server, "/slow", "GET", WebApp.register(web, "slow"));
        return new Site(web, server, WebApp.start(web, server));
    }

    // --- max_request_bytes ---------------------------------------------------------------------------------------

    @Test
    void aBodyOverTheLimitByItsContentLengthIs413AndTheActorIsNotCalled() throws Exception {
        Site s = site("max_request_bytes = 1000");
        HttpResponse<String> r = WebApp.send(s.port(), "POST", "/echo?over", "x".repeat(1001));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("413 Content Too Large: the body of 1001 bytes is larger than 1000\n");
        assertThat(r.headers().firstValue("content-type")).contains("text/plain; charset=utf-8");
        assertThat(r.headers().firstValue("connection")).contains("close");
        assertThat(r.headers().firstValue("x-handler")).isEmpty(); // nothing of the actor's

        // at once: the answer comes before any of the body was sent, and the connection closes
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(20_000);
            send(socket, "POST /echo?huge HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10000000\r\n\r\n");
            assertThat(read(socket)).isEqualTo("413 413 Content Too Large: the body of 10000000 bytes is larger than"
                    + " 1000\n");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        notCalled(s, "request ");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413AndTheActorIsNotCalled() throws Exception {
        Site s = site("max_request_bytes = 1000");
        HttpResponse<String> r = chunked(s.port(), "/echo?over", "y".repeat(1001));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("413 Content Too Large: the body is larger than 1000 bytes\n");
        assertThat(r.headers().firstValue("connection")).contains("close");

        // as soon as the bytes read pass the limit: one chunk of 1001 bytes, the body not ended
        try (Socket socket = new Socket("127.0.0.1", s.port())) {
            socket.setSoTimeout(20_000);
            send(socket, "POST /echo?endless HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(1001) + "\r\n" + "y".repeat(1001) + "\r\n");
            assertThat(read(socket)).isEqualTo("413 413 Content Too Large: the body is larger than 1000 bytes\n");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        notCalled(s, "request ");
    }

    @Test
    void aBodyExactlyAtTheLimitReachesTheActorWhole() {
        Site s = site("max_request_bytes = 1000");
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 1000; i++) {
            b.append((char) ('!' + i % 94)); // every printable ASCII character, so a byte moved or lost shows
        }
        String body = b.toString();
        HttpResponse<String> sized = WebApp.send(s.port(), "POST", "/echo?sized", body);
        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(sized.body()).isEqualTo(body);
        assertThat(sized.headers().firstValue("x-h-content-length")).contains("1000");

        HttpResponse<String> chunked = chunked(s.port(), "/echo?chunked", body);
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(body);
        assertThat(chunked.headers().firstValue("x-h-transfer-encoding")).contains("chunked");
        assertThat(WebApp.logs(s.actor())).contains("request echo POST /echo?sized", "request echo POST /echo?chunked");
    }

    @Test
    void aLimitOfZeroRefusesEveryBodyButNotARequestWithout() {
        Site s = site("max_request_bytes = 0");
        assertThat(WebApp.send(s.port(), "POST", "/echo?one", "z").statusCode()).isEqualTo(413);
        assertThat(WebApp.get(s.port(), "/echo?none").body()).isEqualTo("GET /echo?none");
        notCalled(s, "request echo POST");
    }

    // --- request_timeout_ms ---------------------------------------------------------------------------------------

    @Test
    void aHandlerSlowerThanTheTimeoutGets503AndItsLateAnswerIsRecordedAndDropped() {
        Site s = site("request_timeout_ms = 300");
        HttpResponse<String> r = WebApp.get(s.port(), "/slow", "x-sleep-ms", "1500");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("503 Service Unavailable: the actor did not answer within 300 ms\n");
        assertThat(events(s.actor(), TIMED_OUT)).singleElement().satisfies(e -> {
            assertThat(WsProbe.field(e, "server")).isEqualTo(s.server());
            assertThat(WsProbe.field(e, "method")).isEqualTo("GET");
            assertThat(WsProbe.field(e, "path")).isEqualTo("/slow");
            assertThat(WsProbe.field(e, "timeout_ms")).isEqualTo("300");
        });

        // the call ran on: its answer comes later, and is recorded and dropped
        JObject late = await("a late response", () -> events(s.actor(), LATE).stream().findFirst().orElse(null));
        assertThat(WsProbe.field(late, "server")).isEqualTo(s.server());
        assertThat(WsProbe.field(late, "method")).isEqualTo("GET");
        assertThat(WsProbe.field(late, "path")).isEqualTo("/slow");
        assertThat(WsProbe.field(late, "export")).isEqualTo("handle-request");
        assertThat(Long.parseLong(WsProbe.field(late, "after_ms"))).isGreaterThanOrEqualTo(300); // it came after the deadline
        assertThat(WebApp.logs(s.actor())).containsSubsequence("request slow GET /slow", "slow done");
        // the server goes on serving
        assertThat(WebApp.get(s.port(), "/echo").body()).isEqualTo("GET /echo");
    }

    /**
     * A request that arrives while the actor is in a 4 s call, with a timeout of 300 ms, is still in the mailbox at
     * its deadline: it gets 503 and is withdrawn, so the actor never sees it. (Deterministic unless this test's
     * thread stalls for the 3.7 s between the slow call's first line and the second request's arrival.)
     */
    @Test
    void aRequestStillQueuedAtItsDeadlineIsWithdrawnUnrun() throws Exception {
        Site s = site("request_timeout_ms = 300");
        CompletableFuture<HttpResponse<String>> slow = async(s.port(), "/slow", "x-sleep-ms", "4000");
        await("the slow call running", () -> WebApp.logs(s.actor()).contains("request slow GET /slow") ? true : null);

        HttpResponse<String> queued = async(s.port(), "/echo?queued").get(30, TimeUnit.SECONDS);
        assertThat(queued.statusCode()).isEqualTo(503);
        assertThat(queued.body()).isEqualTo("503 Service Unavailable: the actor did not answer within 300 ms\n");
        assertThat(WebApp.logs(s.actor())).as("the slow call was still running").doesNotContain("slow done");
        assertThat(slow.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);

        await("the slow call's late response", () -> events(s.actor(), LATE).isEmpty() ? null : true);
        WebApp.ok(s.actor(), "info", s.server()); // a round trip through the mailbox, after where the request queued
        assertThat(WebApp.logs(s.actor())).contains("slow done").doesNotContain("request echo GET /echo?queued");
        assertThat(events(s.actor(), TIMED_OUT)).extracting(e -> WsProbe.field(e, "path")).containsExactlyInAnyOrder(
                "/slow", "/echo");
        // nothing ran for the withdrawn call, so nothing came late for it
        assertThat(events(s.actor(), LATE)).extracting(e -> WsProbe.field(e, "path")).containsExactly("/slow");
    }

    // --- max_connections -------------------------------------------------------------------------------------------

    @Test
    void aConnectionPastTheLimitIsServedOnlyOnceAnOpenOneCloses() throws Exception {
        Site s = site("max_connections = 1");
        try (Socket first = new Socket("127.0.0.1", s.port()); Socket second = new Socket("127.0.0.1", s.port())) {
            first.setSoTimeout(20_000);
            assertThat(exchange(first, "/echo?first")).isEqualTo("200 GET /echo?first");
            // the first stays open (HTTP/1.1 keeps it alive): the second is not accepted, so its request waits
            write(second, "/echo?second");
            second.setSoTimeout(500); // only guards against a false pass: a served request would be answered by now
            assertThatThrownBy(() -> second.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(WebApp.logs(s.actor())).doesNotContain("request echo GET /echo?second");
            // and the first is still served
            assertThat(exchange(first, "/echo?again")).isEqualTo("200 GET /echo?again");

            first.close();
            second.setSoTimeout(20_000);
            assertThat(read(second)).isEqualTo("200 GET /echo?second");
        }
        assertThat(WebApp.logs(s.actor())).filteredOn(l -> l.startsWith("request ")).containsExactly(
                "request echo GET /echo?first", "request echo GET /echo?again", "request echo GET /echo?second");
    }

    // --- max_routes -----------------------------------------------------------------------------------------------

    @Test
    void routesMiddlewareAndWebSocketPathsCountTogetherAgainstMaxRoutes() {
        ActorRef web = app.web("web", "max_routes = 3");
        String server = WebApp.server(web);
        String echo = WebApp.register(web, "echo");
        String pass = WebApp.register(web, "mw-pass");
        String ws = WebApp.register(web, "ws-echo");
        String route = WebApp.ok(web, "route", server, "/a", "GET", echo);
        WebApp.ok(web, "mw", server, "/", pass);
        WebApp.ok(web, "ws", server, "/ws", "-", ws, "-");
        String full = "server " + server + " has 3 routes, middleware and WebSocket paths, the most the handler's"
                + " max_routes allows";
        assertThat(WebApp.err(web, "route", server, "/b", "GET", echo)).isEqualTo("add-route: " + full);
        assertThat(WebApp.err(web, "mw", server, "/api", pass)).isEqualTo("add-middleware: " + full);
        assertThat(WebApp.err(web, "ws", server, "/ws2", "-", ws, "-")).isEqualTo("enable-websocket: " + full);
        assertThat(WebApp.ok(web, "info", server)).endsWith("routes=1 middleware=1 websocket=1");

        // the room one frees is anyone's
        WebApp.ok(web, "unroute", route);
        WebApp.ok(web, "mw", server, "/api", pass);
        assertThat(WebApp.err(web, "route", server, "/a", "GET", echo)).isEqualTo("add-route: " + full);
        assertThat(WebApp.ok(web, "info", server)).endsWith("routes=0 middleware=2 websocket=1");
        // the limit is per server
        String other = WebApp.server(web);
        WebApp.ok(web, "route", other, "/a", "GET", echo);
        assertThat(WebApp.ok(web, "info", other)).endsWith("routes=1 middleware=0 websocket=0");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The actor logged no line starting with {@code prefix}, also after a round trip through its mailbox. */
    private static void notCalled(Site s, String prefix) {
        WebApp.ok(s.actor(), "info", s.server());
        assertThat(WebApp.logs(s.actor())).noneMatch(l -> l.startsWith(prefix));
    }

    /** A POST whose body the client sends chunked (its length is not known beforehand). */
    private static HttpResponse<String> chunked(int port, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        try {
            return WebApp.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("POST " + path + " (chunked) failed", e);
        }
    }

    private static CompletableFuture<HttpResponse<String>> async(int port, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return WebApp.CLIENT.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends GET {@code path} on the socket and reads its response: {@code "<status> <body>"}. */
    private static String exchange(Socket socket, String path) throws IOException {
        write(socket, path);
        return read(socket);
    }

    private static void write(Socket socket, String path) throws IOException {
        send(socket, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** One HTTP/1.1 response with a Content-Length: {@code "<status> <body>"}. */
    private static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String status = null;
        int length = 0;
        while (true) {
            String line = line(in);
            if (line.isEmpty()) {
                break;
            }
            if (status == null) {
                assertThat(line).startsWith("HTTP/1.1 ");
                status = line.split(" ")[1];
            } else if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return status + " " + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the connection ended inside a response head");
            }
            if (c != '\r') {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static List<JObject> events(ActorRef actor, String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type))
                .map(e -> (JObject) JsonReader.parse(e.data())).toList();
    }

    /** Waits (at most {@link Logs#WAIT}: a guard against hanging) until {@code probe} gives something. */
    private static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + Logs.WAIT.toNanos();
        while (true) {
            T t = probe.get();
            if (t != null) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + Logs.WAIT.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
