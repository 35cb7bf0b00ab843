package dev.theater.bench.http;

import com.sun.net.httpserver.HttpServer;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code send-http} GETs per second on loopback, one at a time: through a real actor (test-actors/http-probe, whose
 * {@code get-n} command makes n GETs in one handle-send; the http-client handler with the chain on records each) and
 * through the same {@link HttpClient} configuration called directly from Java, against one JDK {@code HttpServer} on
 * 127.0.0.1 answering a 100-byte body. The two sides take turns, run after run, in one JVM. See
 * {@code theater-benchmarks/README.md}, "http-client".
 *
 * <pre>
 * java -cp theater-benchmarks/target/benchmarks.jar dev.theater.bench.http.HttpClientBench [key=value...]
 *   n=2000      GETs per run and side     per=100   GETs per get-n message
 *   runs=5      measured runs per side    warmup=2  warm-up runs per side
 * </pre>
 */
public final class HttpClientBench {

    private static final byte[] BODY = "x".repeat(100).getBytes(StandardCharsets.UTF_8);

    private HttpClientBench() {
    }

    public static void main(String[] args) throws Exception {
        // http-probe logs one line per get-n: the runtime handler's INFO echo of it is not part of the measure
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        int n = Integer.parseInt(opts.getOrDefault("n", "2000"));
        int per = Integer.parseInt(opts.getOrDefault("per", "100"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2"));
        if (n % per != 0) {
            throw new IllegalArgumentException("n = " + n + " must be a multiple of per = " + per);
        }
        Path guests = Path.of(System.getProperty("theater.testActors", "test-actors")).toAbsolutePath().normalize();
        Path wasm = guests.resolve("http-probe").resolve("http-probe.wasm");
        if (!Files.isRegularFile(wasm)) {
            throw new IllegalStateException("http-probe.wasm not found under " + guests
                    + "; run from the project root or pass -Dtheater.testActors=/path/to/test-actors");
        }
        System.out.printf(Locale.ROOT, "HttpClientBench: java %s, %d cpus, n=%d per=%d runs=%d warmup=%d%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), n, per, runs, warmup);

        ExecutorService serverThreads = Executors.newFixedThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/bench", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(200, BODY.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(BODY);
                }
            }
        });
        server.setExecutor(serverThreads);
        server.start();
        String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/bench";
        Path home = Files.createTempDirectory("theater-http-bench");
        Path app = Files.createDirectories(home.resolve("app"));
        Files.copy(wasm, app.resolve("http-probe.wasm"));
        // the same client the handler builds: no proxy, redirects not followed by the client
        HttpClient direct = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(uri)).GET().build();
        String command = "get-n\u001f" + per + "\u001f" + uri;
        double[] actorRates = new double[runs];
        double[] directRates = new double[runs];
        try (Theater theater = Theater.builder().home(home.resolve("home")).build()) {
            ActorRef probe = theater.start("name = \"bench\"\ncomponent_path = \"http-probe.wasm\"\n"
                    + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n"
                    + "[[handlers]]\ntype = \"http-client\"\nconfig = { allowed_hosts = [\"http://127.0.0.1:*\"] }\n", app);
            for (int r = -warmup; r < runs; r++) {
                double d = directRun(direct, get, n);
                double a = actorRun(probe, command, n / per, per);
                String label = r < 0 ? "warm-up" : "run " + (r + 1);
                System.out.printf(Locale.ROOT, "  %-8s direct HttpClient %8.0f GETs/s   actor send-http %8.0f GETs/s   ratio %.2f%n",
                        label, d, a, a / d);
                if (r >= 0) {
                    directRates[r] = d;
                    actorRates[r] = a;
                }
            }
            long events = probe.chain().stream().filter(e -> e.eventType().endsWith("/send-http")).count();
            System.out.printf(Locale.ROOT, "  (the actor's chain holds %d send-http events)%n", events);
        } finally {
            server.stop(0);
            serverThreads.shutdownNow();
            direct.shutdownNow();
            delete(home);
        }
        double md = median(directRates);
        double ma = median(actorRates);
        System.out.printf(Locale.ROOT, "RESULT http-client direct HttpClient GETs/s median %.0f %s%n", md, Arrays.toString(round(directRates)));
        System.out.printf(Locale.ROOT, "RESULT http-client actor send-http GETs/s median %.0f %s%n", ma, Arrays.toString(round(actorRates)));
        System.out.printf(Locale.ROOT, "RESULT http-client ratio actor/direct (medians) %.2f%n", ma / md);
    }

    private static double directRun(HttpClient client, HttpRequest get, int n) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            HttpResponse<byte[]> r = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200 || r.body().length != BODY.length) {
                throw new IllegalStateException("direct GET: " + r.statusCode());
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double actorRun(ActorRef probe, String command, int messages, int per) throws Exception {
        byte[] msg = command.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            probe.send(msg).get(60, TimeUnit.SECONDS);
        }
        double rate = (double) messages * per / ((System.nanoTime() - start) / 1e9);
        String last = lastLog(probe);
        if (!last.equals("get-n ok " + per + " " + (per * BODY.length))) {
            throw new IllegalStateException("the actor's GETs failed: " + last);
        }
        return rate;
    }

    private static String lastLog(ActorRef probe) {
        List<ChainEvent> chain = probe.chain();
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).eventType().equals("theater:simple/runtime/log")) {
                JObject call = (JObject) JsonReader.parse(chain.get(i).data());
                return ((JString) ((JObject) call.get("args").orElseThrow()).get("msg").orElseThrow()).value();
            }
        }
        return "(nothing logged)";
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
