package dev.theater.handler.httpframework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.theater.api.handler.HandlerException;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.core.ActorRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS of the http-framework handler through the real web-probe guest and the JDK's HttpClient on 127.0.0.1, with
 * certificates this test makes itself (the JDK's keytool; no key is committed): an actor granted
 * {@code tls_cert_path} / {@code tls_key_path} serves HTTPS when it names exactly those paths in its tls-config, to
 * a client that trusts exactly that certificate (and to no other client, and not to plain HTTP); every refusal, at
 * create-server and at the actor's start (one key only, a missing or broken file, a PKCS#1 or SEC1 key with the
 * openssl command that converts it, an encrypted key), names the key and the file.
 */
class HttpFrameworkTlsTest {

    static final String GRANT = "tls_cert_path = \"tls/cert.pem\", tls_key_path = \"tls/key.pem\"";
    static final String STARTED = "http-framework/server-started";

    /** Keys and certificates made once for the class: EC (P-256) and RSA, each for the IP address 127.0.0.1. */
    @TempDir
    static Path keys;
    private static KeyStore.PrivateKeyEntry ec;
    private static KeyStore.PrivateKeyEntry rsa;

    @TempDir
    Path folder;
    @TempDir
    Path home;
    private WebApp app;

    @BeforeAll
    static void makeKeys() throws Exception {
        ec = keyPair("ec", "-keyalg", "EC", "-groupname", "secp256r1");
        rsa = keyPair("rsa", "-keyalg", "RSA", "-keysize", "2048");
    }

    @BeforeEach
    void start() {
        app = new WebApp(folder, home);
    }

    @AfterEach
    void close() {
        app.close();
    }

    // --- serving HTTPS -------------------------------------------------------------------------------------------

    @Test
    void anActorNamingTheGrantedFilesServesHttpsToAClientTrustingThatCertificate() throws Exception {
        writePem("tls/cert.pem", ec);
        ActorRef web = app.web("web", GRANT);
        String server = WebApp.ok(web, "create", "0", "-", "tls/cert.pem", "tls/key.pem");
        WebApp.ok(web, "route", server, "/", "GET", WebApp.register(web, "echo"));
        int port = WebApp.start(web, server);

        HttpResponse<String> r = https(client(ec), port, "/?q=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("GET /?q=1");
        assertThat(r.headers().firstValue("x-handler")).contains("echo");
        assertThat(r.sslSession()).hasValueSatisfying(s -> {
            try {
                assertThat(s.getPeerCertificates()[0]).isEqualTo(ec.getCertificate());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(WebApp.logs(web)).contains("request echo GET /?q=1");
        assertThat(events(web, STARTED)).singleElement().satisfies(e -> {
            assertThat(field(e, "server")).isEqualTo(server);
            assertThat(field(e, "host")).isEqualTo("127.0.0.1");
            assertThat(field(e, "port")).isEqualTo(Integer.toString(port));
            assertThat(field(e, "tls")).isEqualTo("true");
        });
        assertThat(WebApp.ok(web, "info", server)).isEqualTo("id=" + server + " port=" + port
                + " host=127.0.0.1 running=1 routes=1 middleware=0 websocket=0");

        // a server of the same actor created without tls-config is plain HTTP, even though TLS is granted
        String plain = WebApp.server(web);
        WebApp.ok(web, "route", plain, "/", "GET", WebApp.register(web, "plain"));
        int plainPort = WebApp.start(web, plain);
        assertThat(WebApp.get(plainPort, "/").body()).isEqualTo("plain");
        assertThat(events(web, STARTED)).hasSize(2).last().satisfies(e -> assertThat(field(e, "tls")).isEqualTo("false"));
    }

    @Test
    void aClientNotTrustingTheCertificateIsRefusedTheHandshake() throws Exception {
        writePem("tls/cert.pem", ec);
        ActorRef web = app.web("web", GRANT);
        String server = WebApp.ok(web, "create", "0", "-", "tls/cert.pem", "tls/key.pem");
        WebApp.ok(web, "route", server, "/", "GET", WebApp.register(web, "echo"));
        int port = WebApp.start(web, server);

        // the JDK's own trust store, and one that trusts only the RSA certificate: neither knows this one
        for (HttpClient stranger : List.of(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), client(rsa))) {
            assertThatThrownBy(() -> stranger.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(https(client(ec), port, "/").body()).isEqualTo("GET /");
        assertThat(WebApp.logs(web)).filteredOn(l -> l.startsWith("request ")).containsExactly("request echo GET /");
    }

    @Test
    void aPlainHttpClientOnTheTlsPortDoesNotGetTheActorsAnswer() throws Exception {
        writePem("tls/cert.pem", ec);
        ActorRef web = app.web("web", GRANT);
        String server = WebApp.ok(web, "create", "0", "-", "tls/cert.pem", "tls/key.pem");
        WebApp.ok(web, "route", server, "/", "GET", WebApp.register(web, "echo"));
        int port = WebApp.start(web, server);

        // the server answers the plain request with a TLS alert, which no HTTP client takes for a response
        assertThatThrownBy(() -> WebApp.CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(WebApp.logs(web)).noneMatch(l -> l.startsWith("request "));
        // the server is unharmed: the same request over TLS is answered, and it is the only one the actor saw
        assertThat(https(client(ec), port, "/").body()).isEqualTo("GET /");
        assertThat(WebApp.logs(web)).filteredOn(l -> l.startsWith("request ")).containsExactly("request echo GET /");
    }

    @Test
    void aWebSocketOverWssEchoes() throws Exception {
        writePem("tls/cert.pem", ec);
        ActorRef web = app.web("web", GRANT);
        String server = WebApp.ok(web, "create", "0", "-", "tls/cert.pem", "tls/key.pem");
        WebApp.ok(web, "ws", server, "/ws", "-", WebApp.register(web, "ws-echo"), "-");
        int port = WebApp.start(web, server);

        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket ws = client(ec).newWebSocketBuilder().buildAsync(URI.create("wss://127.0.0.1:" + port + "/ws"),
                new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            answer.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        answer.completeExceptionally(error);
                    }
                }).get(20, TimeUnit.SECONDS);
        ws.sendText("over tls", true).get(20, TimeUnit.SECONDS);
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("echo: over tls");
        ws.abort();
        assertThat(WebApp.logs(web)).anyMatch(l -> l.matches("ws-message ws-echo \\d+ text over tls"));
    }

    // --- create-server refusals ----------------------------------------------------------------------------------

    @Test
    void tlsConfigIsRefusedWhenTheConfigGrantsNone() {
        writePem("tls/cert.pem", ec);
        ActorRef web = app.web("web", "");
        assertThat(WebApp.err(web, "create", "0", "-", "tls/cert.pem", "tls/key.pem")).isEqualTo("create-server: TLS is"
                + " not granted: the handler's config names no tls_cert_path and tls_key_path");
        assertThat(WebApp.ok(web, "create", "0", "-", "-", "-")).matches("\\d+"); // without TLS it may
    }

    @Test
    void tlsConfigPathsMustBeExactlyTheConfigsAsWritten() {
        writePem("tls/cert.pem", ec);
        ActorRef web = app.web("web", GRANT);
        String abs = folder.resolve("tls/cert.pem").toString();
        for (String[] paths : List.of(
                new String[] {"./tls/cert.pem", "tls/key.pem"},   // the same file, written otherwise
                new String[] {abs, "tls/key.pem"},                // the same file, absolute
                new String[] {"tls/key.pem", "tls/cert.pem"},     // swapped
                new String[] {"tls/cert.pem", "tls/other.pem"},
                new String[] {"tls/cert.pem", "-"})) {            // the guest sends an empty key-path for -
            String key = paths[1].equals("-") ? "" : paths[1];
            assertThat(WebApp.err(web, "create", "0", "-", paths[0], paths[1])).as(String.join(" ", paths))
                    .isEqualTo("create-server: tls-config names cert-path \"" + paths[0] + "\" and key-path \"" + key
                            + "\"; the handler's config grants only \"tls/cert.pem\" and \"tls/key.pem\"");
        }
        assertThat(WebApp.ok(web, "create", "0", "-", "tls/cert.pem", "tls/key.pem")).matches("\\d+");
    }

    // --- refusals at the actor's start ---------------------------------------------------------------------------

    @Test
    void aConfigWithOnlyOneOfTheTwoKeysFailsTheStart() {
        writePem("tls/cert.pem", ec);
        assertThatThrownBy(() -> app.web("certonly", "tls_cert_path = \"tls/cert.pem\"")).isInstanceOf(HandlerException.class)
                .hasMessage(at("certonly") + "config key 'tls_key_path' is missing: tls_cert_path and tls_key_path go"
                        + " together");
        assertThatThrownBy(() -> app.web("keyonly", "tls_key_path = \"tls/key.pem\"")).isInstanceOf(HandlerException.class)
                .hasMessage(at("keyonly") + "config key 'tls_cert_path' is missing: tls_cert_path and tls_key_path go"
                        + " together");
        assertThatThrownBy(() -> app.web("empty", "tls_cert_path = \"\", tls_key_path = \"tls/key.pem\""))
                .isInstanceOf(HandlerException.class)
                .hasMessage(at("empty") + "config key 'tls_cert_path' must name a PEM file, found an empty string");
    }

    @Test
    void aMissingFileFailsTheStartNamingTheKeysAndTheFile() {
        writePem("tls/cert.pem", ec);
        Path cert = folder.resolve("tls/nothing.pem");
        assertThatThrownBy(() -> app.web("nocert", "tls_cert_path = \"tls/nothing.pem\", tls_key_path = \"tls/key.pem\""))
                .isInstanceOf(HandlerException.class)
                .hasMessage(at("nocert") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: cannot read " + cert + ": "
                        + new java.nio.file.NoSuchFileException(cert.toString()));
        Path key = folder.resolve("tls/nokey.pem");
        assertThatThrownBy(() -> app.web("nokey", "tls_cert_path = \"tls/cert.pem\", tls_key_path = \"tls/nokey.pem\""))
                .isInstanceOf(HandlerException.class)
                .hasMessage(at("nokey") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: cannot read " + key + ": "
                        + new java.nio.file.NoSuchFileException(key.toString()));
    }

    @Test
    void aBrokenFileOrAKeyNotOfTheCertificateFailsTheStart() {
        writePem("tls/cert.pem", ec);
        writePem("tls/rsa-cert.pem", rsa);
        app.write("tls/junk.pem", "not a certificate\n");
        assertThatThrownBy(() -> app.web("junk", "tls_cert_path = \"tls/junk.pem\", tls_key_path = \"tls/key.pem\""))
                .isInstanceOf(HandlerException.class)
                .hasMessage(at("junk") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: " + folder.resolve("tls/junk.pem")
                        + " holds no PEM CERTIFICATE block");
        // a certificate file is no key file
        assertThatThrownBy(() -> app.web("certkey", "tls_cert_path = \"tls/cert.pem\", tls_key_path = \"tls/cert.pem\""))
                .isInstanceOf(HandlerException.class)
                .hasMessage(at("certkey") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: " + folder.resolve("tls/cert.pem")
                        + " holds no PEM PRIVATE KEY block");
        // the RSA key with the EC certificate
        assertThatThrownBy(() -> app.web("mismatch", "tls_cert_path = \"tls/cert.pem\", tls_key_path = \"tls/rsa-cert-key.pem\""))
                .isInstanceOf(HandlerException.class)
                .hasMessage(at("mismatch") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: the key in "
                        + folder.resolve("tls/rsa-cert-key.pem") + " (RSA) does not go with the first certificate in "
                        + folder.resolve("tls/cert.pem") + " (EC)");
    }

    @Test
    void aPkcs1RsaKeyIsRefusedNamingTheOpensslCommandThatConvertsIt() {
        writePem("tls/cert.pem", rsa);
        app.write("tls/key.pem", pem("RSA PRIVATE KEY", innerKey(rsa.getPrivateKey())));
        Path key = folder.resolve("tls/key.pem");
        assertThatThrownBy(() -> app.web("pkcs1", GRANT)).isInstanceOf(HandlerException.class)
                .hasMessage(at("pkcs1") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: " + key + " holds a RSA PRIVATE"
                        + " KEY (the traditional form); convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem"
                        + " -out key8.pem");
    }

    @Test
    void anEcPrivateKeyInItsTraditionalFormIsRefusedLikewise() {
        writePem("tls/cert.pem", ec);
        app.write("tls/ec.key", pem("EC PRIVATE KEY", innerKey(ec.getPrivateKey())));
        assertThatThrownBy(() -> app.web("sec1", "tls_cert_path = \"tls/cert.pem\", tls_key_path = \"tls/ec.key\""))
                .isInstanceOf(HandlerException.class)
                .hasMessage(at("sec1") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: " + folder.resolve("tls/ec.key")
                        + " holds a EC PRIVATE KEY (the traditional form); convert it to PKCS#8 with: openssl pkcs8 -topk8"
                        + " -nocrypt -in ec.key -out ec8.key");
    }

    @Test
    void theCommandThePkcs1RefusalNamesMakesAKeyTheHandlerServesWith() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeThat(Files.isExecutable(openssl)).as("openssl at " + openssl).isTrue();
        writePem("tls/cert.pem", rsa);
        app.write("tls/key.pem", pem("RSA PRIVATE KEY", innerKey(rsa.getPrivateKey())));
        String message = "";
        try {
            app.web("before", GRANT);
        } catch (HandlerException e) {
            message = e.getMessage();
        }
        String command = message.substring(message.indexOf("with: ") + "with: ".length());
        assertThat(command).isEqualTo("openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem");
        List<String> argv = new ArrayList<>(Arrays.asList(command.split(" ")));
        argv.set(0, openssl.toString());
        run(folder.resolve("tls"), argv);
        assertThat(Files.readString(folder.resolve("tls/key.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----"); // kept

        ActorRef web = app.web("after", "tls_cert_path = \"tls/cert.pem\", tls_key_path = \"tls/key8.pem\"");
        String server = WebApp.ok(web, "create", "0", "-", "tls/cert.pem", "tls/key8.pem");
        WebApp.ok(web, "route", server, "/", "GET", WebApp.register(web, "echo"));
        assertThat(https(client(rsa), WebApp.start(web, server), "/").body()).isEqualTo("GET /");
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        writePem("tls/cert.pem", ec);
        app.write("tls/key.pem", pem("ENCRYPTED PRIVATE KEY", encrypted(ec.getPrivateKey())));
        assertThatThrownBy(() -> app.web("encrypted", GRANT)).isInstanceOf(HandlerException.class)
                .hasMessage(at("encrypted") + "config key 'tls_cert_path' / 'tls_key_path' cannot be used: TLS: the key in "
                        + folder.resolve("tls/key.pem") + " is encrypted; the handler reads an unencrypted PKCS#8 PRIVATE"
                        + " KEY (keep the file readable only by the runtime's user)");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** The start of a start failure of actor {@code name}: its manifest's http-framework line. */
    private String at(String name) {
        return "actor '" + name + "': " + folder.resolve(name + ".toml") + ":9: handler 'http-framework': ";
    }

    /** keytool makes a key pair and a self-signed certificate for 127.0.0.1 in a PKCS12 file; loaded back. */
    private static KeyStore.PrivateKeyEntry keyPair(String name, String... algorithm) throws Exception {
        Path store = keys.resolve(name + ".p12");
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
        argv.addAll(List.of(algorithm));
        run(keys, argv);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return (KeyStore.PrivateKeyEntry) ks.getEntry("server", new KeyStore.PasswordProtection("changeit".toCharArray()));
    }

    private static void run(Path dir, List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(argv + " ended").isTrue();
        assertThat(p.exitValue()).as(argv + ": " + output).isZero();
    }

    /** Writes {@code file} (the certificate) and {@code <stem>-key.pem}, or {@code key.pem} beside {@code cert.pem}. */
    private void writePem(String file, KeyStore.PrivateKeyEntry entry) {
        try {
            app.write(file, pem("CERTIFICATE", entry.getCertificate().getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new AssertionError(e);
        }
        String keyFile = file.endsWith("/cert.pem") ? file.replace("cert.pem", "key.pem") : file.replace(".pem", "-key.pem");
        app.write(keyFile, pem("PRIVATE KEY", entry.getPrivateKey().getEncoded())); // PKCS#8
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /**
     * The key inside a PKCS#8 PrivateKeyInfo (SEQUENCE {version, algorithm, privateKey OCTET STRING}): for RSA the
     * PKCS#1 RSAPrivateKey, for EC the SEC1 ECPrivateKey, the "traditional" forms.
     */
    static byte[] innerKey(PrivateKey key) {
        byte[] der = key.getEncoded();
        int[] at = {0};
        header(der, at, 0x30);                 // PrivateKeyInfo: into it
        int skip = header(der, at, 0x02);      // version: over it
        at[0] += skip;
        skip = header(der, at, 0x30);          // algorithm: over it
        at[0] += skip;
        int length = header(der, at, 0x04);    // privateKey
        return Arrays.copyOfRange(der, at[0], at[0] + length);
    }

    /** Reads a DER tag (which must be {@code tag}) and length at {@code at}, leaving {@code at} at the contents. */
    private static int header(byte[] der, int[] at, int tag) {
        assertThat(der[at[0]++] & 0xff).as("DER tag").isEqualTo(tag);
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    /** The key as a PKCS#8 EncryptedPrivateKeyInfo (PBES2, AES-256). */
    static byte[] encrypted(PrivateKey key) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        SecureRandom random = new SecureRandom();
        random.nextBytes(salt);
        random.nextBytes(iv);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec("secret".toCharArray())),
                new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv)));
        // named PBES2 (its OID) for EncryptedPrivateKeyInfo, which knows no OID for the cipher's own name
        AlgorithmParameters pbes2 = AlgorithmParameters.getInstance("PBES2");
        pbes2.init(cipher.getParameters().getEncoded());
        return new EncryptedPrivateKeyInfo(pbes2, cipher.doFinal(key.getEncoded())).getEncoded();
    }

    /** An HTTPS client that trusts exactly {@code entry}'s certificate (HTTP/1.1: the handler serves no HTTP/2). */
    static HttpClient client(KeyStore.PrivateKeyEntry entry) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        Certificate cert = entry.getCertificate();
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    static HttpResponse<String> https(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The data of every event of {@code type} in the actor's chain, oldest first. */
    static List<JObject> events(ActorRef actor, String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type))
                .map(e -> (JObject) JsonReader.parse(e.data())).toList();
    }

    static String field(JObject o, String name) {
        return WsProbe.field(o, name);
    }
}
