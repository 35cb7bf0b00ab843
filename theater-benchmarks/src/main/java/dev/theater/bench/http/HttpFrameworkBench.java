package dev.theater.bench.http;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import dev.theater.chain.FsyncPolicy;
import dev.theater.chain.Subscription;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.core.Theater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Server;

/**
 * Requests/s and p99 latency of a 100-byte {@code GET /} answered by an actor's {@code handle-request} (the
 * http-framework handler on Jetty 12.1, the web-probe guest's {@code hello} handler, chain on with its default group
 * commit), side by side in one JVM with a plain Jetty core {@code Handler} answering the same bytes ({@link PlainJetty}).
 * The load is {@code wrk} (Debian package, 4.1.0) run as a subprocess with fixed options; the two sides take turns, run
 * after run, after warm-up runs that are printed and not counted. See {@code theater-benchmarks/README.md},
 * "http-framework".
 *
 * <pre>
 * java -cp theater-benchmarks/target/benchmarks.jar dev.theater.bench.http.HttpFrameworkBench [key=value...]
 *   duration=10   seconds per wrk run           conns=16   wrk connections (-c)
 *   threads=1     wrk threads (-t)              runs=5     measured runs per side
 *   warmup=2      warm-up runs per side         sides=both (or actor, jetty: one side only, for a profile)
 *   fsync=GROUP_COMMIT  the chain's fsync policy (the default; ALWAYS, NEVER to see what it costs)
 * </pre>
 *
 * Needs {@code wrk} on the {@code PATH} ({@code sudo apt-get install -y wrk}); exits with 2 when it is absent. On a
 * 2-core machine wrk and both servers share the cores: keep {@code threads=1}.
 */
public final class HttpFrameworkBench {

    /** What web-probe's {@code hello} answers (test-actors/README.md, "web-probe"): {@code hello, } and 93 {@code x}. */
    static final byte[] BODY = ("hello, " + "x".repeat(93)).getBytes(StandardCharsets.US_ASCII);

    private HttpFrameworkBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("options are key=value, got '" + a + "'");
            }
            opts.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int seconds = Integer.parseInt(opts.getOrDefault("duration", "10").replaceFirst("s$", ""));
        int conns = Integer.parseInt(opts.getOrDefault("conns", "16"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "1"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "2"));
        String sides = opts.getOrDefault("sides", "both");
        FsyncPolicy fsync = FsyncPolicy.valueOf(opts.getOrDefault("fsync", "GROUP_COMMIT").toUpperCase(Locale.ROOT));
        if (!List.of("both", "actor", "jetty").contains(sides)) {
            throw new IllegalArgumentException("sides is both, actor or jetty, got '" + sides + "'");
        }
        Optional<Path> wrkPath = Wrk.find();
        if (wrkPath.isEmpty()) {
            System.err.println("HttpFrameworkBench: wrk is not on the PATH. Install it (Debian package wrk 4.1.0):"
                    + " sudo apt-get install -y wrk");
            System.exit(2);
        }
        Wrk wrk = new Wrk(wrkPath.get(), threads, conns, seconds);
        Path guests = Path.of(System.getProperty("theater.testActors", "test-actors")).toAbsolutePath().normalize();
        Path wasm = guests.resolve("web-probe").resolve("web-probe.wasm");
        if (!Files.isRegularFile(wasm)) {
            throw new IllegalStateException("web-probe.wasm not found under " + guests
                    + "; run from the project root or pass -Dtheater.testActors=/path/to/test-actors");
        }
        System.out.printf(Locale.ROOT, "HttpFrameworkBench: java %s, %d cpus, load %s; %s; runs=%d warmup=%d sides=%s fsync=%s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), load(),
                String.join(" ", wrk.command("http://127.0.0.1:PORT/")), runs, warmup, sides, fsync);

        Path home = Files.createTempDirectory("theater-http-framework-bench");
        Path app = Files.createDirectories(home.resolve("app"));
        Files.copy(wasm, app.resolve("web-probe.wasm"));
        Server plain = PlainJetty.start(BODY);
        List<Wrk.Report> actorRuns = new ArrayList<>();
        List<Wrk.Report> jettyRuns = new ArrayList<>();
        try (Theater theater = Theater.builder().home(home.resolve("home")).fsync(fsync).build()) {
            // web-probe imports timing's sleep (its "slow" handler): the manifest must name the handler to link
            ActorRef web = theater.start("name = \"web\"\ncomponent_path = \"web-probe.wasm\"\n"
                    + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n"
                    + "[[handlers]]\ntype = \"timing\"\n[[handlers]]\ntype = \"http-framework\"\n", app);
            String server = ok(web, "create", "0", "-", "-", "-");
            String hello = ok(web, "register", "hello");
            ok(web, "route", server, "/", "GET", hello);
            int actorPort = Integer.parseInt(ok(web, "start", server));
            String actorUrl = "http://127.0.0.1:" + actorPort + "/";
            String jettyUrl = "http://127.0.0.1:" + PlainJetty.port(plain) + "/";
            sameAnswers(actorUrl, jettyUrl);

            // counts the actor's export calls as they are appended (nothing is queued for this listener)
            LongAdder calls = new LongAdder();
            try (Subscription counter = web.subscribe(new ChainListener() {
                @Override
                public boolean accepts(ChainEvent event) {
                    if (event.eventType().equals("wasm")) {
                        calls.increment();
                    }
                    return false;
                }

                @Override
                public void onEvent(ChainEvent event) {
                }
            })) {
                for (int r = -warmup; r < runs; r++) {
                    String label = r < 0 ? "warm-up" : "run " + (r + 1);
                    if (!sides.equals("jetty")) {
                        long before = calls.sum();
                        long cpu = cpuNanos();
                        long switches = contextSwitches();
                        Wrk.Report a = checked(wrk.run(actorUrl), "actor");
                        cpu = cpuNanos() - cpu;
                        switches = contextSwitches() - switches;
                        long recorded = calls.sum() - before;
                        if (recorded < a.requests()) {
                            throw new IllegalStateException("wrk counted " + a.requests() + " answers from the actor,"
                                    + " but its chain recorded only " + recorded + " handle-request calls");
                        }
                        print(label, "actor", a, cpu, switches, "  (" + recorded + " handle-request calls recorded)");
                        if (r >= 0) {
                            actorRuns.add(a);
                        }
                    }
                    if (!sides.equals("actor")) {
                        long cpu = cpuNanos();
                        long switches = contextSwitches();
                        Wrk.Report j = checked(wrk.run(jettyUrl), "jetty");
                        cpu = cpuNanos() - cpu;
                        switches = contextSwitches() - switches;
                        print(label, "jetty", j, cpu, switches, "");
                        if (r >= 0) {
                            jettyRuns.add(j);
                        }
                    }
                }
            }
            if (web.status() == ActorStatus.FAILED) {
                throw new IllegalStateException("the actor failed: " + web.stopReason().orElse("?"));
            }
        } finally {
            plain.stop();
            delete(home);
        }
        result("actor handle-request", actorRuns);
        result("plain Jetty Handler", jettyRuns);
        if (!actorRuns.isEmpty() && !jettyRuns.isEmpty()) {
            System.out.printf(Locale.ROOT, "RESULT http-framework ratio actor/jetty (medians): req/s %.2f, p99 %.2f%n",
                    median(actorRuns, Wrk.Report::requestsPerSecond) / median(jettyRuns, Wrk.Report::requestsPerSecond),
                    median(actorRuns, Wrk.Report::p99Micros) / median(jettyRuns, Wrk.Report::p99Micros));
        }
    }

    /**
     * Sends a web-probe command (fields joined by 0x1f; test-actors/README.md, "web-probe"), waits until it was
     * handled and returns the value of the one line it logged, {@code <cmd> ok <value>}; fails on anything else.
     */
    private static String ok(ActorRef actor, String... fields) throws Exception {
        int before = logs(actor).size();
        actor.send(String.join("\u001f", fields).getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
        List<String> all = logs(actor);
        List<String> lines = all.subList(before, all.size());
        String prefix = fields[0] + " ok";
        if (lines.size() != 1 || !lines.getFirst().startsWith(prefix)) {
            throw new IllegalStateException("web-probe answered " + lines + " to " + String.join(" ", fields));
        }
        String line = lines.getFirst();
        return line.length() > prefix.length() ? line.substring(prefix.length() + 1) : "";
    }

    /** The lines the actor logged ({@code runtime.log} events of its chain), oldest first. */
    private static List<String> logs(ActorRef actor) {
        List<String> lines = new ArrayList<>();
        for (ChainEvent e : actor.chain()) {
            if (e.eventType().equals("theater:simple/runtime/log")) {
                JObject call = (JObject) JsonReader.parse(e.data());
                lines.add(((JString) ((JObject) call.get("args").orElseThrow()).get("msg").orElseThrow()).value());
            }
        }
        return lines;
    }

    /** Both sides answer GET / with status 200, the same 100 bytes and the same header names. */
    private static void sameAnswers(String actorUrl, String jettyUrl) throws Exception {
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        try (client) {
            HttpResponse<byte[]> a = client.send(HttpRequest.newBuilder(URI.create(actorUrl)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> j = client.send(HttpRequest.newBuilder(URI.create(jettyUrl)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            for (HttpResponse<byte[]> r : List.of(a, j)) {
                if (r.statusCode() != 200 || !Arrays.equals(r.body(), BODY)
                        || !r.headers().firstValue("content-type").orElse("").equals("text/plain")) {
                    throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + " " + r.headers().map()
                            + " " + new String(r.body(), StandardCharsets.UTF_8) + "; expected 200 text/plain and "
                            + BODY.length + " bytes");
                }
            }
            TreeSet<String> an = new TreeSet<>(a.headers().map().keySet());
            TreeSet<String> jn = new TreeSet<>(j.headers().map().keySet());
            if (!an.equals(jn)) {
                throw new IllegalStateException("the two sides send different headers: actor " + an + ", jetty " + jn);
            }
            System.out.printf(Locale.ROOT, "  both sides answer GET / with 200, %d bytes, headers %s%n", BODY.length, an);
        }
    }

    /**
     * Fails on connect, read or write errors and on answers other than 2xx; timeouts (a request past 2 s) are
     * counted and printed with the run: a stall of the whole shared machine causes them, on either side.
     */
    private static Wrk.Report checked(Wrk.Report r, String side) {
        if (r.errors() > 0 || r.non2xx() > 0 || r.requests() == 0) {
            throw new IllegalStateException("the " + side + " run had " + r.errors() + " socket errors and " + r.non2xx()
                    + " non-2xx answers; wrk said:\n" + r.text());
        }
        return r;
    }

    /**
     * {@code cpu}: the CPU time this JVM used during the run (all its threads; wrk's own is not counted);
     * {@code switches}: the context switches of its threads during the run (negative when not on Linux).
     */
    private static void print(String label, String side, Wrk.Report r, long cpu, long switches, String extra) {
        System.out.printf(Locale.ROOT, "  %-8s %-5s %7.0f req/s  p50 %6.0f us  p99 %6.0f us  JVM: %5.1f us CPU, %4.1f context"
                        + " switches per request  load %s%s%s%n", label, side, r.requestsPerSecond(), r.p50Micros(),
                r.p99Micros(), cpu / 1e3 / r.requests(), (double) switches / r.requests(), load(),
                r.timeouts() > 0 ? "  TIMEOUTS " + r.timeouts() : "", extra);
    }

    /** Context switches (voluntary and not) of this JVM's live threads so far, from /proc (Linux); -1 elsewhere. */
    private static long contextSwitches() {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The CPU time of this JVM so far (user + system, all threads), in nanoseconds. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void result(String side, List<Wrk.Report> runs) {
        if (runs.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "RESULT http-framework %s req/s median %.0f %s, p99 median %.0f us %s%n", side,
                median(runs, Wrk.Report::requestsPerSecond), runs.stream().map(r -> Math.round(r.requestsPerSecond())).toList(),
                median(runs, Wrk.Report::p99Micros), runs.stream().map(r -> Math.round(r.p99Micros())).toList());
    }

    private static double median(List<Wrk.Report> runs, ToDoubleFunction<Wrk.Report> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The 1-minute load average (Linux), to print beside each run. */
    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
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
