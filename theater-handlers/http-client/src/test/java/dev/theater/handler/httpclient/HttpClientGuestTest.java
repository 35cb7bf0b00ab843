package dev.theater.handler.httpclient;

import static dev.theater.handler.httpclient.HttpApp.command;
import static dev.theater.handler.httpclient.HttpApp.err;
import static dev.theater.handler.httpclient.HttpApp.header;
import static dev.theater.handler.httpclient.HttpApp.send;
import static dev.theater.handler.httpclient.HttpApp.sendBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send-http} through a real guest (test-actors/http-probe, contract in test-actors/README.md) against real
 * servers on 127.0.0.1: every method, headers both ways, bodies both ways, HTTPS trusted through {@code ca_file},
 * redirects followed, and what the chain records (redacted headers as hashes, large bodies as size and SHA-256).
 */
class HttpClientGuestTest {

    static TestServers servers;

    @TempDir
    Path folder;
    @TempDir
    Path home;
    private HttpApp app;

    @BeforeAll
    static void startServers() throws Exception {
        servers = TestServers.shared();
    }

    @BeforeEach
    void start() throws Exception {
        Files.copy(servers.caPem, folder.resolve("ca.pem"));
        app = new HttpApp(folder, home, b -> b.chainPayloadLimit(1024));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private ActorRef probe(String extra) {
        return app.probe("probe", "allowed_hosts = [\"http://127.0.0.1:*\", \"https://127.0.0.1:*\"], "
                + "allowed_methods = [\"GET\", \"HEAD\", \"POST\", \"PUT\", \"PATCH\", \"DELETE\", \"OPTIONS\", \"TRACE\"]"
                + (extra.isEmpty() ? "" : ", " + extra));
    }

    @Test
    void everyMethodReachesTheServerWithItsHeadersAndBody() {
        ActorRef probe = probe("");
        for (String method : List.of("GET", "DELETE", "OPTIONS", "TRACE")) {
            List<String> lines = send(probe, method, servers.http("/echo?q=1"), "X-Trace", "t-" + method);
            assertThat(lines.getFirst()).isEqualTo("send-http ok 200 0");
            assertThat(header(lines, "x-method")).isEqualTo(method);
            assertThat(header(lines, "x-uri")).isEqualTo("/echo?q=1");
            assertThat(header(lines, "x-h-x-trace")).isEqualTo("t-" + method);
        }
        for (String method : List.of("POST", "PUT", "PATCH")) {
            List<String> lines = sendBody(probe, method, servers.http("/echo"), "body of " + method,
                    "Content-Type", "text/plain", "X-Multi", "a", "X-Multi", "b");
            assertThat(lines.getFirst()).isEqualTo("send-http ok 200 " + ("body of " + method).length());
            assertThat(header(lines, "x-method")).isEqualTo(method);
            assertThat(header(lines, "x-h-content-type")).isEqualTo("text/plain");
            assertThat(header(lines, "x-h-x-multi")).isEqualTo("a,b"); // a repeated name arrives as sent
            assertThat(lines.getLast()).isEqualTo("b body of " + method);
        }
        List<String> head = send(probe, "HEAD", servers.http("/echo"));
        assertThat(head.getFirst()).isEqualTo("send-http ok 200 0");
        assertThat(header(head, "x-method")).isEqualTo("HEAD");
        assertThat(head).noneMatch(l -> l.startsWith("b ")); // no body: none
        assertThat(probe.status()).isEqualTo(ActorStatus.RUNNING);
    }

    @Test
    void anyStatusIsAnOkResponse() {
        ActorRef probe = probe("");
        assertThat(send(probe, "GET", servers.http("/status/404")).getFirst()).isEqualTo("send-http ok 404 0");
        assertThat(send(probe, "GET", servers.http("/status/500")).getFirst()).isEqualTo("send-http ok 500 0");
        assertThat(send(probe, "GET", servers.http("/status/204")).getFirst()).isEqualTo("send-http ok 204 0");
        assertThat(send(probe, "GET", servers.http("/nothing-here")).getFirst()).isEqualTo("send-http ok 404 12");
    }

    @Test
    void largeBodiesBothWays() {
        ActorRef probe = probe("");
        List<String> up = command(probe, "send-pattern", "POST", servers.http("/echo"), "200000");
        assertThat(up.getFirst()).isEqualTo("send-http ok 200 200000");
        // the pattern (k * 7 + 3) & 0xff echoed back: 03 0a 11 18 ...
        assertThat(up.getLast()).isEqualTo("x 030a11181f262d343b424950575e656c737a81888f969da4abb2b9c0c7ced5dc");
        List<String> down = send(probe, "GET", servers.http("/bytes?n=1000000&chunked=1"));
        assertThat(down.getFirst()).isEqualTo("send-http ok 200 1000000");
        assertThat(down.getLast()).isEqualTo("b " + "x".repeat(256));
        List<String> exact = send(probe, "GET", servers.http("/bytes?n=1000000"));
        assertThat(exact.getFirst()).isEqualTo("send-http ok 200 1000000");
    }

    @Test
    void httpsTrustsTheCaFile() {
        ActorRef probe = probe("ca_file = \"ca.pem\"");
        List<String> lines = sendBody(probe, "POST", servers.https("/echo"), "over tls");
        assertThat(lines.getFirst()).isEqualTo("send-http ok 200 8");
        assertThat(header(lines, "x-method")).isEqualTo("POST");
        assertThat(lines.getLast()).isEqualTo("b over tls");
    }

    @Test
    void aMissingOrBrokenCaFileFailsTheStartNamingTheKey() throws Exception {
        assertThatThrownBy(() -> app.probe("missing", "allowed_hosts = [\"https://127.0.0.1:*\"], ca_file = \"nope.pem\""))
                .hasMessageContaining("missing.toml:").hasMessageContaining("config key 'ca_file': cannot read");
        Files.writeString(folder.resolve("junk.pem"), "not a certificate");
        assertThatThrownBy(() -> app.probe("junk", "allowed_hosts = [\"https://127.0.0.1:*\"], ca_file = \"junk.pem\""))
                .hasMessageContaining("config key 'ca_file' = ").hasMessageContaining("junk.pem");
    }

    @Test
    void httpsWithoutTheCaFileIsNotTrusted() {
        ActorRef probe = probe("");
        assertThat(err(send(probe, "GET", servers.https("/echo"))))
                .contains("TLS with 127.0.0.1:" + servers.https.getAddress().getPort()).contains("not trusted");
    }

    @Test
    void redirectsAreFollowedAndEachHopChecked() {
        ActorRef probe = probe("");
        String target = servers.http("/echo?after=redirect");
        List<String> lines = send(probe, "GET", servers.http("/redirect?code=302&to=" + enc(target)));
        assertThat(lines.getFirst()).isEqualTo("send-http ok 200 0");
        assertThat(header(lines, "x-uri")).isEqualTo("/echo?after=redirect");
        // 303 turns a POST into a GET without body; 307 keeps method and body
        List<String> see = sendBody(probe, "POST", servers.http("/redirect?code=303&to=" + enc(target)), "dropped");
        assertThat(header(see, "x-method")).isEqualTo("GET");
        assertThat(see.getFirst()).isEqualTo("send-http ok 200 0");
        List<String> keep = sendBody(probe, "POST", servers.http("/redirect?code=307&to=" + enc("/echo")), "kept");
        assertThat(header(keep, "x-method")).isEqualTo("POST");
        assertThat(keep.getLast()).isEqualTo("b kept");
        // a relative Location resolves against the request's URI
        List<String> relative = send(probe, "GET", servers.http("/redirect?code=301&to=" + enc("/echo?rel=1")));
        assertThat(header(relative, "x-uri")).isEqualTo("/echo?rel=1");
    }

    @Test
    void maxRedirectsZeroReturnsTheRedirectAndALoopIsAnErr() {
        ActorRef none = app.probe("none", "allowed_hosts = [\"http://127.0.0.1:*\"], max_redirects = 0");
        List<String> lines = send(none, "GET", servers.http("/redirect?code=302&to=" + enc("/echo")));
        assertThat(lines.getFirst()).isEqualTo("send-http ok 302 0");
        assertThat(header(lines, "location")).isEqualTo("/echo");
        ActorRef two = app.probe("two", "allowed_hosts = [\"http://127.0.0.1:*\"], max_redirects = 2");
        String loop = "/redirect?code=302&to=" + enc("/redirect?code=302&to=" + enc("/redirect?code=302&to=" + enc("/echo")));
        assertThat(err(send(two, "GET", servers.http(loop)))).startsWith("more than max_redirects = 2 redirects");
        assertThat(send(two, "GET", servers.http("/redirect?code=302&to=" + enc("/echo"))).getFirst())
                .isEqualTo("send-http ok 200 0");
    }

    @Test
    void theChainRecordsRedactedHeadersAsHashesAndLargeBodiesAsSizeAndSha256() throws Exception {
        ActorRef probe = probe("");
        send(probe, "GET", servers.http("/status/200"), "Authorization", "Bearer t0ken", "X-Plain", "visible");
        send(probe, "GET", servers.http("/cookies"), "Cookie", "a=b");
        send(probe, "GET", servers.http("/bytes?n=5000"));
        List<ChainEvent> calls = HttpApp.calls(probe);
        assertThat(calls).hasSize(3);
        String first = calls.get(0).dataAsString();
        assertThat(first).contains("[\"Authorization\",\"sha256:" + sha256("Bearer t0ken") + "\"]")
                .contains("[\"X-Plain\",\"visible\"]").doesNotContain("t0ken");
        assertThat(first).contains("\"result\":{\"ok\":{\"status\":200");
        String second = calls.get(1).dataAsString();
        assertThat(second).contains("[\"Cookie\",\"sha256:" + sha256("a=b") + "\"]")
                .contains("\"sha256:" + sha256("session=s3cr3t; HttpOnly") + "\"").doesNotContain("s3cr3t");
        String third = calls.get(2).dataAsString();
        assertThat(third).contains("\"body\":{\"size\":5000,\"sha256\":\"" + sha256("x".repeat(5000)) + "\"}");
        assertThat(first).contains("\"uri\":\"" + servers.http("/status/200") + "\"");
    }

    @Test
    void theVersionTheClientSpeaksIsHttp11WithAnHttp11Server() {
        // the client asks for HTTP/2 and falls back: the JDK server speaks HTTP/1.1 only
        ActorRef probe = probe("");
        assertThat(header(send(probe, "GET", servers.http("/echo")), "x-version")).isEqualTo("HTTP/1.1");
        assertThat(header(send(probe, "GET", servers.http("/echo")), "x-h-upgrade")).isEqualTo("h2c");
    }

    @Test
    void manyGetsInOneCall() {
        ActorRef probe = probe("");
        assertThat(command(probe, "get-n", "50", servers.http("/bytes?n=100"))).containsExactly("get-n ok 50 5000");
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
