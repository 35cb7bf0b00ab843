package dev.theater.handler.httpclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Real HTTP servers on 127.0.0.1 for the http-client tests: plain HTTP, HTTPS with a certificate signed by a CA the
 * test generates (its PEM is {@link #caPem}), and HTTPS with a self-signed certificate nobody trusts. Certificates
 * are made by the JDK's keytool in a temporary folder; no private key is committed.
 *
 * <p>Every server answers the same paths:
 * <ul>
 * <li>{@code /echo...}: status 200, headers {@code x-method}, {@code x-uri} (path and query), {@code x-version}
 *     and one {@code x-h-<name>} per request header (values joined by {@code ,}), the request body as body;</li>
 * <li>{@code /status/<code>}: that status, no body;</li>
 * <li>{@code /redirect?code=<3xx>&to=<uri>}: a redirect;</li>
 * <li>{@code /slow?ms=<n>}: answers after n ms;</li>
 * <li>{@code /endless}: a chunked body that never ends;</li>
 * <li>{@code /bytes?n=<n>&chunked=<0|1>}: n bytes of {@code 'x'}, with a Content-Length or chunked;</li>
 * <li>{@code /cookies}: a {@code Set-Cookie} header and a body.</li>
 * </ul>
 */
final class TestServers implements AutoCloseable {

    static final String PASSWORD = "changeit";

    final HttpServer http;
    final HttpsServer https;
    final HttpsServer untrusted;
    final Path caPem;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private static TestServers shared;

    /** One set of servers for the whole test JVM (keytool takes seconds); stopped when the JVM ends. */
    static synchronized TestServers shared() throws Exception {
        if (shared == null) {
            Path folder = Files.createTempDirectory("http-client-test-certs");
            shared = new TestServers(folder);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                try (var files = Files.list(folder)) {
                    files.forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temp folder left behind
                }
                folder.toFile().delete();
            }));
        }
        return shared;
    }

    TestServers(Path folder) throws Exception {
        generateCertificates(folder);
        caPem = folder.resolve("ca.pem");
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext(folder.resolve("server.p12"))));
        untrusted = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        untrusted.setHttpsConfigurator(new HttpsConfigurator(serverContext(folder.resolve("rogue.p12"))));
        for (HttpServer s : List.of(http, https, untrusted)) {
            s.createContext("/", TestServers::handle);
            s.setExecutor(executor);
            s.start();
        }
    }

    String http(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    String https(String path) {
        return "https://127.0.0.1:" + https.getAddress().getPort() + path;
    }

    String untrusted(String path) {
        return "https://127.0.0.1:" + untrusted.getAddress().getPort() + path;
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    private static void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.startsWith("/echo")) {
                ex.getResponseHeaders().add("x-method", ex.getRequestMethod());
                ex.getResponseHeaders().add("x-uri", ex.getRequestURI().toString());
                ex.getResponseHeaders().add("x-version", ex.getProtocol());
                ex.getRequestHeaders().forEach((name, values) ->
                        ex.getResponseHeaders().add("x-h-" + name.toLowerCase(Locale.ROOT), String.join(",", values)));
                send(ex, 200, body, false);
            } else if (path.startsWith("/status/")) {
                ex.sendResponseHeaders(Integer.parseInt(path.substring("/status/".length())), -1);
            } else if (path.equals("/redirect")) {
                ex.getResponseHeaders().add("Location", query.get("to"));
                ex.sendResponseHeaders(Integer.parseInt(query.getOrDefault("code", "302")), -1);
            } else if (path.equals("/slow")) {
                try {
                    Thread.sleep(Long.parseLong(query.getOrDefault("ms", "5000")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, "slow".getBytes(StandardCharsets.UTF_8), false);
            } else if (path.equals("/endless")) {
                ex.sendResponseHeaders(200, 0);
                byte[] chunk = new byte[16384];
                try (OutputStream out = ex.getResponseBody()) {
                    while (true) {
                        out.write(chunk); // ends when the client hangs up
                    }
                } catch (IOException e) {
                    // the client hung up: what the test wanted
                }
            } else if (path.equals("/bytes")) {
                byte[] bytes = new byte[Integer.parseInt(query.get("n"))];
                java.util.Arrays.fill(bytes, (byte) 'x');
                send(ex, 200, bytes, "1".equals(query.get("chunked")));
            } else if (path.equals("/cookies")) {
                ex.getResponseHeaders().add("Set-Cookie", "session=s3cr3t; HttpOnly");
                send(ex, 200, "cookies".getBytes(StandardCharsets.UTF_8), false);
            } else {
                send(ex, 404, "no such path".getBytes(StandardCharsets.UTF_8), false);
            }
        }
    }

    private static void send(HttpExchange ex, int status, byte[] body, boolean chunked) throws IOException {
        boolean noBody = ex.getRequestMethod().equals("HEAD") || body.length == 0;
        ex.sendResponseHeaders(status, noBody ? -1 : chunked ? 0 : body.length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static SSLContext serverContext(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A CA, a server certificate it signs (for 127.0.0.1 and localhost), and a self-signed rogue one. */
    private static void generateCertificates(Path dir) throws Exception {
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Theater Test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-file", "ca.pem");
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", "server.p12", "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool(dir, "-certreq", "-alias", "server", "-keystore", "server.p12", "-storepass", PASSWORD, "-file", "server.csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-infile", "server.csr",
                "-outfile", "server.pem", "-rfc", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
        keytool(dir, "-importcert", "-alias", "ca", "-keystore", "server.p12", "-storepass", PASSWORD, "-file", "ca.pem",
                "-noprompt");
        keytool(dir, "-importcert", "-alias", "server", "-keystore", "server.p12", "-storepass", PASSWORD, "-file",
                "server.pem");
        keytool(dir, "-genkeypair", "-alias", "rogue", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", "rogue.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD);
    }

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        for (HttpServer s : List.of(http, https, untrusted)) {
            s.stop(0);
        }
        executor.shutdownNow();
    }
}
