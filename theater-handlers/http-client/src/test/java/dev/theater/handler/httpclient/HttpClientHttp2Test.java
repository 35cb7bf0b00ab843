package dev.theater.handler.httpclient;

import static dev.theater.handler.httpclient.HttpApp.header;
import static dev.theater.handler.httpclient.HttpApp.send;
import static dev.theater.handler.httpclient.HttpApp.sendBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 through the real guest: a Jetty 12 server on 127.0.0.1 with h2c (plain, reached by the client's upgrade)
 * and h2 over TLS (ALPN, the server certificate signed by the test CA in {@code ca_file}). The server answers with
 * the protocol it served the request on, so the test sees which version the client spoke.
 */
class HttpClientHttp2Test {

    static Server jetty;
    static ServerConnector plain;
    static ServerConnector tls;
    static TestServers servers;

    @TempDir
    Path folder;
    @TempDir
    Path home;
    private HttpApp app;

    @BeforeAll
    static void startJetty() throws Exception {
        servers = TestServers.shared();
        jetty = new Server();
        HttpConfiguration config = new HttpConfiguration();
        plain = new ServerConnector(jetty, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
        plain.setHost("127.0.0.1");
        HttpConfiguration secure = new HttpConfiguration(config);
        secure.addCustomizer(new SecureRequestCustomizer(false)); // the certificate names 127.0.0.1: no SNI host check
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(servers.caPem.resolveSibling("server.p12").toString());
        ssl.setKeyStorePassword(TestServers.PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol("http/1.1");
        tls = new ServerConnector(jetty, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                new HTTP2ServerConnectionFactory(secure), new HttpConnectionFactory(secure));
        tls.setHost("127.0.0.1");
        jetty.addConnector(plain);
        jetty.addConnector(tls);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                response.setStatus(200);
                response.getHeaders().put("x-version", request.getConnectionMetaData().getProtocol());
                response.getHeaders().put("x-method", request.getMethod());
                String auth = request.getHeaders().get("authorization");
                if (auth != null) {
                    response.getHeaders().put("x-auth-length", String.valueOf(auth.length()));
                }
                response.write(true, ByteBuffer.wrap(("got " + body).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        jetty.start();
    }

    @AfterAll
    static void stopJetty() throws Exception {
        jetty.stop();
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

    private ActorRef probe() {
        return app.probe("probe", "allowed_hosts = [\"http://127.0.0.1:*\", \"https://127.0.0.1:*\"], ca_file = \"ca.pem\"");
    }

    @Test
    void h2OverTlsByAlpn() {
        ActorRef probe = probe();
        String uri = "https://127.0.0.1:" + tls.getLocalPort() + "/h2";
        List<String> get = send(probe, "GET", uri, "Authorization", "Bearer abc");
        assertThat(get.getFirst()).isEqualTo("send-http ok 200 4");
        assertThat(header(get, "x-version")).isEqualTo("HTTP/2.0");
        assertThat(header(get, "x-auth-length")).isEqualTo("10");
        assertThat(get).noneMatch(l -> l.startsWith("h :")); // no pseudo-header reaches the guest
        List<String> post = sendBody(probe, "POST", uri, "over h2");
        assertThat(header(post, "x-version")).isEqualTo("HTTP/2.0");
        assertThat(post.getLast()).isEqualTo("b got over h2");
        // the chain hashes the header on HTTP/2 as on HTTP/1.1
        assertThat(HttpApp.calls(probe).getFirst().dataAsString()).contains("\"sha256:").doesNotContain("Bearer abc");
    }

    @Test
    void h2cByUpgradeOverPlainHttp() {
        ActorRef probe = probe();
        String uri = "http://127.0.0.1:" + plain.getLocalPort() + "/h2c";
        // the JDK client offers the upgrade on its first request to a host and speaks h2c from then on
        List<String> first = send(probe, "GET", uri);
        assertThat(first.getFirst()).isEqualTo("send-http ok 200 4");
        assertThat(header(first, "x-version")).isIn("HTTP/1.1", "HTTP/2.0");
        List<String> second = send(probe, "GET", uri);
        assertThat(header(second, "x-version")).isEqualTo("HTTP/2.0");
        List<String> post = sendBody(probe, "POST", uri, "on h2c");
        assertThat(post.getLast()).isEqualTo("b got on h2c");
    }
}
