package dev.theater.handler.httpclient;

import static dev.theater.handler.httpclient.HttpApp.command;
import static dev.theater.handler.httpclient.HttpApp.err;
import static dev.theater.handler.httpclient.HttpApp.send;
import static dev.theater.handler.httpclient.HttpApp.sendBody;
import static dev.theater.handler.httpclient.HttpClientGuestTest.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound suite: what a guest may not reach or may not make the handler do, each through the real http-probe
 * guest against real servers on 127.0.0.1, each an {@code err} naming its reason, after which the same actor is still
 * running and its next allowed request works.
 */
class HttpClientOutboundTest {

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
        app = new HttpApp(folder, home);
    }

    @AfterEach
    void close() {
        app.close();
    }

    /** An actor allowed the plain server's exact port only, GET and POST. */
    private ActorRef probe(String extra) {
        return probe("probe", extra);
    }

    private ActorRef probe(String name, String extra) {
        return app.probe(name, "allowed_hosts = [\"http://127.0.0.1:" + servers.httpPort() + "\"],"
                + " allowed_methods = [\"GET\", \"POST\"]" + (extra.isEmpty() ? "" : ", " + extra));
    }

    /** The request failed with an err containing every one of {@code reasons}; the actor runs on and still works. */
    private void refused(ActorRef probe, List<String> lines, String... reasons) {
        String message = err(lines);
        for (String reason : reasons) {
            assertThat(message).contains(reason);
        }
        stillWorks(probe);
    }

    private static void stillWorks(ActorRef probe) {
        assertThat(probe.status()).isEqualTo(ActorStatus.RUNNING);
        assertThat(send(probe, "GET", servers.http("/echo")).getFirst()).isEqualTo("send-http ok 200 0");
    }

    @Test
    void withoutAllowedHostsNothingIsReachable() {
        ActorRef probe = app.probe("probe", "");
        assertThat(err(send(probe, "GET", servers.http("/echo"))))
                .isEqualTo("http://127.0.0.1:" + servers.httpPort() + " is not allowed by allowed_hosts = []");
        assertThat(probe.status()).isEqualTo(ActorStatus.RUNNING);
        assertThat(err(send(probe, "GET", "https://example.com/"))).contains("is not allowed by allowed_hosts = []");
    }

    @Test
    void aDisallowedHost() {
        ActorRef probe = probe("");
        refused(probe, send(probe, "GET", "http://localhost:" + servers.httpPort() + "/echo"),
                "http://localhost:" + servers.httpPort() + " is not allowed by allowed_hosts");
        refused(probe, send(probe, "GET", "http://example.com/"), "http://example.com:80 is not allowed");
        refused(probe, send(probe, "GET", "http://[::1]:" + servers.httpPort() + "/"), "http://[::1]:", "is not allowed");
        // 127.0.0.1 written as one decimal number is a name to the allow-list, and no entry names it
        refused(probe, send(probe, "GET", "http://2130706433:" + servers.httpPort() + "/"), "is not allowed");
    }

    @Test
    void aDisallowedPort() {
        ActorRef probe = probe("");
        int other = servers.untrusted.getAddress().getPort();
        refused(probe, send(probe, "GET", "http://127.0.0.1:" + other + "/echo"),
                "http://127.0.0.1:" + other + " is not allowed by allowed_hosts = [http://127.0.0.1:" + servers.httpPort() + "]");
        refused(probe, send(probe, "GET", "http://127.0.0.1/echo"), "http://127.0.0.1:80 is not allowed");
    }

    @Test
    void aDisallowedScheme() {
        ActorRef probe = probe("");
        refused(probe, send(probe, "GET", "https://127.0.0.1:" + servers.httpPort() + "/echo"),
                "https://127.0.0.1:" + servers.httpPort() + " is not allowed");
    }

    @Test
    void aDisallowedMethod() {
        ActorRef probe = probe("");
        refused(probe, sendBody(probe, "PUT", servers.http("/echo"), "x"),
                "method 'PUT' is not allowed: allowed_methods = [GET, POST]");
        refused(probe, send(probe, "DELETE", servers.http("/echo")), "method 'DELETE' is not allowed");
        refused(probe, send(probe, "get", servers.http("/echo")), "method 'get' is not allowed"); // methods are case-sensitive
        refused(probe, send(probe, "GET /x HTTP/1.1\r\nX:", servers.http("/echo")), "is not allowed");
    }

    @Test
    void aRedirectToADisallowedHostPortOrScheme() {
        ActorRef probe = probe("");
        String toLocalhost = "http://localhost:" + servers.httpPort() + "/echo";
        refused(probe, send(probe, "GET", servers.http("/redirect?code=302&to=" + enc(toLocalhost))),
                "redirect 1 (302) to " + toLocalhost + " refused: http://localhost:" + servers.httpPort() + " is not allowed");
        String toOtherPort = "http://127.0.0.1:" + servers.untrusted.getAddress().getPort() + "/echo";
        refused(probe, send(probe, "GET", servers.http("/redirect?code=307&to=" + enc(toOtherPort))),
                "redirect 1 (307) to " + toOtherPort + " refused", "is not allowed");
        refused(probe, send(probe, "GET", servers.http("/redirect?code=301&to=" + enc("file:///etc/passwd"))),
                "refused: uri \"file:///etc/passwd\" must be an absolute http:// or https:// URI");
        // the second hop of a chain is checked too
        String chain = "/redirect?code=302&to=" + enc("/redirect?code=302&to=" + enc(toLocalhost));
        refused(probe, send(probe, "GET", servers.http(chain)), "redirect 2 (302) to " + toLocalhost + " refused");
    }

    @Test
    void anAllowedNameResolvingToAPrivateAddress() {
        // localhost is allowed by name, but it resolves to a loopback address that no entry names
        ActorRef probe = app.probe("probe", "allowed_hosts = [\"http://localhost:*\", \"http://127.0.0.1:"
                + servers.httpPort() + "\"]");
        refused(probe, send(probe, "GET", "http://localhost:" + servers.untrusted.getAddress().getPort() + "/echo"),
                "host 'localhost' resolves to 127.0.0.1, a loopback address; only an allowed_hosts entry naming that"
                        + " address");
        // a redirect from an allowed address to the allowed name lands on the same rule
        String viaName = "http://localhost:" + servers.httpPort() + "/echo";
        ActorRef other = app.probe("other", "allowed_hosts = [\"http://localhost:*\", \"http://127.0.0.1:"
                + servers.untrusted.getAddress().getPort() + "\", \"http://127.0.0.1:" + servers.httpPort() + "\"]");
        assertThat(send(other, "GET", viaName).getFirst()).isEqualTo("send-http ok 200 0"); // the address is named: ok
        ActorRef named = app.probe("named", "allowed_hosts = [\"http://localhost:*\"]");
        assertThat(err(send(named, "GET", viaName))).contains("resolves to 127.0.0.1, a loopback address");
        assertThat(named.status()).isEqualTo(ActorStatus.RUNNING);
    }

    @Test
    void aSlowServerTimesOut() {
        ActorRef probe = probe("timeout_ms = 400");
        long start = System.nanoTime();
        refused(probe, send(probe, "GET", servers.http("/slow?ms=3000")), "no complete response within timeout_ms = 400 ms");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2900);
        // a body that never ends under a cap it never reaches: the deadline covers the whole response
        ActorRef endless = probe("endless", "timeout_ms = 400, max_response_bytes = 1073741824");
        refused(endless, send(endless, "GET", servers.http("/endless")), "no complete response within timeout_ms = 400 ms");
    }

    @Test
    void anEndlessBodyHitsTheCap() {
        ActorRef probe = probe("max_response_bytes = 100000");
        refused(probe, send(probe, "GET", servers.http("/endless")),
                "the response body is larger than max_response_bytes = 100000");
        refused(probe, send(probe, "GET", servers.http("/bytes?n=100001&chunked=1")),
                "the response body is larger than max_response_bytes = 100000");
        refused(probe, send(probe, "GET", servers.http("/bytes?n=100001")),
                "the response declares a body of 100001 bytes (Content-Length), more than max_response_bytes = 100000");
        assertThat(send(probe, "GET", servers.http("/bytes?n=100000")).getFirst()).isEqualTo("send-http ok 200 100000");
    }

    @Test
    void aBadUri() {
        ActorRef probe = probe("");
        refused(probe, send(probe, "GET", "not a uri"), "uri \"not a uri\" is not a valid URI");
        refused(probe, send(probe, "GET", "ht tp://127.0.0.1/"), "is not a valid URI");
        refused(probe, send(probe, "GET", ""), "must be an absolute http:// or https:// URI");
        refused(probe, send(probe, "GET", "/echo"), "uri \"/echo\" must be an absolute http:// or https:// URI");
        refused(probe, send(probe, "GET", "ftp://127.0.0.1/"), "must be an absolute http:// or https:// URI");
        refused(probe, send(probe, "GET", "http:///echo"), "has no host");
        refused(probe, send(probe, "GET", "http://user:pw@127.0.0.1:" + servers.httpPort() + "/echo"), "has user info");
        refused(probe, send(probe, "GET", "http://bad_host:" + servers.httpPort() + "/"), "has no host");
    }

    @Test
    void tlsWithAnUntrustedCertificate() {
        ActorRef probe = app.probe("probe", "allowed_hosts = [\"https://127.0.0.1:*\", \"http://127.0.0.1:*\"],"
                + " ca_file = \"ca.pem\"");
        int port = servers.untrusted.getAddress().getPort();
        refused(probe, send(probe, "GET", servers.untrusted("/echo")),
                "TLS with 127.0.0.1:" + port + " failed: the server's certificate is not trusted");
        // the private CA does work for the server it signed
        assertThat(send(probe, "GET", servers.https("/echo")).getFirst()).isEqualTo("send-http ok 200 0");
        // plain HTTP to a TLS port is not a TLS error but an I/O one
        refused(probe, send(probe, "GET", "http://127.0.0.1:" + port + "/echo"), "127.0.0.1:" + port);
    }

    @Test
    void badHeadersAndAClosedPort() throws Exception {
        ActorRef probe = probe("");
        refused(probe, send(probe, "GET", servers.http("/echo"), "Host", "evil.example"), "header 'Host' cannot be sent");
        refused(probe, send(probe, "GET", servers.http("/echo"), "X-Inject", "a\r\nX-Evil: 1"), "header 'X-Inject' cannot be sent");
        refused(probe, send(probe, "GET", servers.http("/echo"), "Bad Name", "v"), "header 'Bad Name' cannot be sent");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ActorRef any = app.probe("any", "allowed_hosts = [\"http://127.0.0.1:*\"]");
        refused(any, send(any, "GET", "http://127.0.0.1:" + closed + "/"), "cannot connect to 127.0.0.1:" + closed);
    }

    @Test
    void manyRefusalsInARowLeaveTheActorWorking() {
        ActorRef probe = probe("");
        for (int i = 0; i < 50; i++) {
            assertThat(err(send(probe, "GET", "http://10.0.0." + (i + 1) + "/"))).contains("is not allowed");
        }
        assertThat(command(probe, "get-n", "5", servers.http("/bytes?n=10"))).containsExactly("get-n ok 5 50");
    }
}
