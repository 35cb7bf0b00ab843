package dev.theater.bench.runtime;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ActorManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The runtime benchmarks of issue 4, as a plain harness (each measure is one long operation, or a latency
 * distribution, which JMH's per-op model fits badly). Chain on, temp Theater home on the real disk,
 * fsync group commit unless said otherwise. See {@code theater-benchmarks/README-runtime.md}.
 *
 * <pre>
 * java -cp theater-benchmarks/target-bench/benchmarks.jar dev.theater.bench.runtime.RuntimeHarness [measures] [key=value...]
 *   measures   comma-separated: send, request, a2a, start, chainopen, handoff, all (default all but handoff)
 *   n=100000        messages per send run            runs=5     measured runs of every measure
 *   warmup=2        warm-up runs (send, a2a)         mailbox=auto  sink mailbox: auto (n + 1000), 0 (defaults) or a number
 *   samples=20000   request samples per run          reqwarmup=20000  request warm-up samples
 *   a2an=20000      actor-to-actor requests per run  k=2000    starts per start run
 *   startwarmup=300 warm-up starts (+ stops) per Theater  fsync=GROUP_COMMIT  policy of send/request/a2a
 *   home=/path      parent folder of the temp homes (default java.io.tmpdir; /dev/shm takes the disk out)
 *   wallprofile=1   start: sample the starting thread's stack every 200 µs (waits included) and print the top frames
 * </pre>
 */
public final class RuntimeHarness {

    private final Map<String, String> opts;
    private final Path homeParent;

    private RuntimeHarness(Map<String, String> opts) {
        this.opts = opts;
        this.homeParent = Path.of(opts.getOrDefault("home", System.getProperty("java.io.tmpdir")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> measures = new ArrayList<>();
        for (String a : args) {
            String s = a.startsWith("--") ? a.substring(2) : a;
            int eq = s.indexOf('=');
            if (eq > 0) {
                opts.put(s.substring(0, eq), s.substring(eq + 1));
            } else {
                measures.addAll(Arrays.asList(s.split(",")));
            }
        }
        if (measures.isEmpty() || measures.contains("all")) {
            measures = List.of("send", "request", "a2a", "start", "chainopen");
        }
        RuntimeHarness h = new RuntimeHarness(opts);
        System.out.printf(Locale.ROOT, "RuntimeHarness: java %s, %d cpus, options %s, test-actors %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), opts, BenchGuests.folder());
        for (String m : measures) {
            switch (m) {
                case "send" -> h.send();
                case "request" -> h.request();
                case "a2a" -> h.actorToActor();
                case "start" -> h.start();
                case "chainopen" -> h.chainOpen();
                case "handoff" -> h.handoff();
                default -> throw new IllegalArgumentException("unknown measure '" + m
                        + "'; known: send, request, a2a, start, chainopen, handoff, all");
            }
        }
    }

    private int intOpt(String key, int def) {
        return Integer.parseInt(opts.getOrDefault(key, Integer.toString(def)).replace("_", ""));
    }

    private FsyncPolicy fsync() {
        return FsyncPolicy.valueOf(opts.getOrDefault("fsync", "GROUP_COMMIT"));
    }

    private Path tempHome() {
        try {
            Files.createDirectories(homeParent);
            return Files.createTempDirectory(homeParent, "theater-runtime-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("  (could not delete " + dir + ": " + e + ")");
        }
    }

    // --- 1. send throughput --------------------------------------------------------------------------

    /**
     * One run: a fresh sink and sender; Java sends the sender "&lt;n&gt; sink-r", the sender's handle-send calls
     * message-server send n times; timed from the Java send until the sink's state (its handle-send count)
     * reaches n.
     */
    private void send() {
        int n = intOpt("n", 100_000);
        int runs = intOpt("runs", 5);
        int warmup = intOpt("warmup", 2);
        String mb = opts.getOrDefault("mailbox", "auto");
        int mailbox = mb.equals("auto") ? n + 1000 : Integer.parseInt(mb);
        System.out.printf(Locale.ROOT, "%n== send: %d warm-up + %d runs of n = %,d, mailbox %s, fsync %s%n", warmup, runs, n,
                mailbox == 0 ? "defaults (runtime 1024 + 5 s wait, message server 10000)" : Integer.toString(mailbox),
                fsync());
        ActorManifest sinkM = BenchGuests.manifest("bench-sink", mailbox);
        ActorManifest senderM = BenchGuests.manifest("bench-sender", 0);
        double[] rates = new double[runs];
        double[] queueRates = new double[runs];
        long totalErrors = 0;
        Path home = tempHome();
        try (Theater theater = Theater.builder().home(home).fsync(fsync()).build()) {
            for (int r = 0; r < warmup + runs; r++) {
                String sinkId = "sink-" + r;
                ActorRef sink = theater.start(sinkM, StartOptions.defaults().withId(sinkId));
                ActorRef sender = theater.start(senderM, StartOptions.defaults().withId("sender-" + r));
                byte[] command = (n + " " + sinkId).getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                sender.send(command).join();
                long tq = System.nanoTime();
                long got = waitForCount(sink, n, TimeUnit.SECONDS.toNanos(120));
                long t1 = System.nanoTime();
                String senderState = new String(sender.state().orElse(new byte[0]), StandardCharsets.UTF_8);
                long errors = jsonLong(senderState, "\"errors\":");
                double rate = got / ((t1 - t0) / 1e9);
                double qrate = n / ((tq - t0) / 1e9);
                boolean measured = r >= warmup;
                if (measured) {
                    rates[r - warmup] = rate;
                    queueRates[r - warmup] = qrate;
                    totalErrors += errors;
                }
                System.out.printf(Locale.ROOT, "  %s %d: %,.0f msgs/s handled (%,d in %.1f ms); sender queued all in %.1f ms"
                                + " (%,.0f sends/s); sender state %s%s%n", measured ? "run" : "warm-up", r, rate, got,
                        (t1 - t0) / 1e6, (tq - t0) / 1e6, qrate, senderState,
                        got < n - errors ? " INCOMPLETE (timed out)" : "");
                sender.stop();
                sink.stop();
            }
        } finally {
            delete(home);
        }
        System.out.println("send RESULT: " + Stats.summary("msgs/s", rates) + "; send errors " + totalErrors);
        System.out.println("send (sender side, all queued) RESULT: " + Stats.summary("sends/s", queueRates));
    }

    private static long waitForCount(ActorRef sink, long n, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        long c = 0;
        while (System.nanoTime() < deadline) {
            c = sink.state().map(BenchGuests::count).orElse(0L);
            if (c >= n) {
                return c;
            }
            LockSupport.parkNanos(100_000); // a spinning poller would take one of the two cores
        }
        return c;
    }

    private static long jsonLong(String json, String key) {
        int i = json.indexOf(key);
        if (i < 0) {
            return -1;
        }
        i += key.length();
        long v = 0;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            v = v * 10 + (json.charAt(i++) - '0');
        }
        return v;
    }

    // --- 2. request latency --------------------------------------------------------------------------

    /** Sequential ActorRef.request(100 B) to bench-sink's handle-request (echo); per-call latency. */
    private void request() {
        int samples = intOpt("samples", 20_000);
        int runs = intOpt("runs", 5);
        int warm = intOpt("reqwarmup", 20_000);
        System.out.printf(Locale.ROOT, "%n== request (Java -> actor): %,d warm-up + %d runs of %,d sequential samples, fsync %s%n",
                warm, runs, samples, fsync());
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        double[] p999 = new double[runs];
        double[] mean = new double[runs];
        Path home = tempHome();
        try (Theater theater = Theater.builder().home(home).fsync(fsync()).build()) {
            ActorRef echo = theater.start(BenchGuests.manifest("bench-sink", 0), StartOptions.defaults().withId("echo"));
            byte[] reply = echo.request(BenchGuests.PAYLOAD).join();
            if (!Arrays.equals(reply, BenchGuests.PAYLOAD)) {
                throw new IllegalStateException("bench-sink did not echo the request: " + new String(reply, StandardCharsets.UTF_8));
            }
            for (int i = 0; i < warm; i++) {
                echo.request(BenchGuests.PAYLOAD).join();
            }
            long[] lat = new long[samples];
            for (int r = 0; r < runs; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < samples; i++) {
                    long t0 = System.nanoTime();
                    echo.request(BenchGuests.PAYLOAD).join();
                    lat[i] = System.nanoTime() - t0;
                }
                long total = System.nanoTime() - start;
                Arrays.sort(lat);
                p50[r] = Stats.percentileMicros(lat, 50);
                p99[r] = Stats.percentileMicros(lat, 99);
                p999[r] = Stats.percentileMicros(lat, 99.9);
                mean[r] = total / 1000.0 / samples;
                System.out.printf(Locale.ROOT, "  run %d: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs, mean %.1f µs%n", r,
                        p50[r], p99[r], p999[r], lat[samples - 1] / 1000.0, mean[r]);
            }
        } finally {
            delete(home);
        }
        System.out.println("request p50 RESULT: " + Stats.summary1("µs", p50));
        System.out.println("request p99 RESULT: " + Stats.summary1("µs", p99));
        System.out.println("request p99.9 RESULT: " + Stats.summary1("µs", p999));
        System.out.println("request mean RESULT: " + Stats.summary1("µs", mean));
    }

    /** bench-sender's handle-send "req n echo": n sequential message-server requests to bench-sink; total / n. */
    private void actorToActor() {
        int n = intOpt("a2an", 20_000);
        int runs = intOpt("runs", 5);
        int warmup = intOpt("warmup", 2);
        System.out.printf(Locale.ROOT, "%n== a2a request (actor -> actor): %d warm-up + %d runs of %,d, fsync %s%n", warmup, runs, n,
                fsync());
        double[] means = new double[runs];
        Path home = tempHome();
        try (Theater theater = Theater.builder().home(home).fsync(fsync()).build()) {
            theater.start(BenchGuests.manifest("bench-sink", 0), StartOptions.defaults().withId("echo"));
            ActorRef sender = theater.start(BenchGuests.manifest("bench-sender", 0), StartOptions.defaults().withId("requester"));
            byte[] command = ("req " + n + " echo").getBytes(StandardCharsets.UTF_8);
            for (int r = 0; r < warmup + runs; r++) {
                long t0 = System.nanoTime();
                sender.send(command).join();
                long t1 = System.nanoTime();
                String st = new String(sender.state().orElse(new byte[0]), StandardCharsets.UTF_8);
                double m = (t1 - t0) / 1000.0 / n;
                if (r >= warmup) {
                    means[r - warmup] = m;
                }
                System.out.printf(Locale.ROOT, "  %s %d: mean %.1f µs per request (%,.0f req/s); requester state %s%n",
                        r >= warmup ? "run" : "warm-up", r, m, 1e6 / m, st);
            }
        } finally {
            delete(home);
        }
        System.out.println("a2a request mean RESULT: " + Stats.summary1("µs", means));
    }

    // --- 3. start rate -------------------------------------------------------------------------------

    /** K starts of bench-sink (runtime + message-server handlers) with distinct ids, module already compiled. */
    private void start() {
        int k = intOpt("k", 2000);
        int runs = intOpt("runs", 5);
        int warm = intOpt("startwarmup", 300);
        List<FsyncPolicy> policies = opts.containsKey("startfsync")
                ? Arrays.stream(opts.get("startfsync").split(",")).map(FsyncPolicy::valueOf).toList()
                : List.of(FsyncPolicy.GROUP_COMMIT, FsyncPolicy.NEVER);
        System.out.printf(Locale.ROOT, "%n== start: %d runs of K = %,d starts per fsync policy %s (fresh Theater per run, %d warm-up"
                + " starts + stops first)%n", runs, k, policies, warm);
        ActorManifest m = BenchGuests.manifest("bench-sink", 0);
        Map<FsyncPolicy, double[]> rates = new LinkedHashMap<>();
        policies.forEach(p -> rates.put(p, new double[runs]));
        for (int r = 0; r < runs; r++) {
            for (FsyncPolicy policy : policies) { // interleaved, so drift on the machine hits both alike
                Path home = tempHome();
                try (Theater theater = Theater.builder().home(home).fsync(policy).build()) {
                    for (int i = 0; i < warm; i++) {
                        theater.start(m, StartOptions.defaults().withId("w-" + i)).stop();
                    }
                    List<ActorRef> started = new ArrayList<>(k);
                    WallProfiler wall = opts.containsKey("wallprofile") ? new WallProfiler(Thread.currentThread(), 200) : null;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < k; i++) {
                        started.add(theater.start(m, StartOptions.defaults().withId("a-" + i)));
                    }
                    long t1 = System.nanoTime();
                    if (wall != null) {
                        wall.print("starts, fsync " + policy, 14);
                    }
                    double rate = k / ((t1 - t0) / 1e9);
                    rates.get(policy)[r] = rate;
                    long s0 = System.nanoTime();
                    started.forEach(ActorRef::stop);
                    long s1 = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  run %d, fsync %-12s: %,.0f starts/s (%.1f µs per start); stopping them took"
                            + " %.0f µs each (not timed)%n", r, policy, rate, (t1 - t0) / 1000.0 / k, (s1 - s0) / 1000.0 / k);
                } finally {
                    delete(home);
                }
            }
        }
        rates.forEach((p, v) -> System.out.println("start, fsync " + p + " RESULT: " + Stats.summary("starts/s", v)));
    }

    /**
     * The floor under {@code request}: the same thread hand-offs without Wasm, handlers or chain. The calling
     * (platform) thread puts a task on a LinkedBlockingQueue served by one virtual thread, which completes a
     * CompletableFuture the caller joins.
     */
    private void handoff() {
        int samples = intOpt("samples", 20_000);
        int runs = intOpt("runs", 5);
        int warm = intOpt("reqwarmup", 20_000);
        System.out.printf(Locale.ROOT, "%n== handoff (floor: platform thread -> virtual thread -> back, no runtime): %d runs of %,d%n",
                runs, samples);
        java.util.concurrent.LinkedBlockingQueue<java.util.concurrent.CompletableFuture<byte[]>> q =
                new java.util.concurrent.LinkedBlockingQueue<>();
        Thread server = Thread.ofVirtual().name("handoff").start(() -> {
            try {
                while (true) {
                    q.take().complete(BenchGuests.PAYLOAD.clone());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        for (int i = 0; i < warm; i++) {
            var f = new java.util.concurrent.CompletableFuture<byte[]>();
            q.add(f);
            f.join();
        }
        long[] lat = new long[samples];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                var f = new java.util.concurrent.CompletableFuture<byte[]>();
                q.add(f);
                f.join();
                lat[i] = System.nanoTime() - t0;
            }
            Arrays.sort(lat);
            p50[r] = Stats.percentileMicros(lat, 50);
            p99[r] = Stats.percentileMicros(lat, 99);
            System.out.printf(Locale.ROOT, "  run %d: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs%n", r, p50[r], p99[r],
                    Stats.percentileMicros(lat, 99.9));
        }
        server.interrupt();
        System.out.println("handoff p50 RESULT: " + Stats.summary1("µs", p50));
        System.out.println("handoff p99 RESULT: " + Stats.summary1("µs", p99));
    }

    /** A split of the start: opening (and closing) K new chains in a ChainStore, nothing else, per policy. */
    private void chainOpen() {
        int k = intOpt("k", 2000);
        int runs = intOpt("runs", 5);
        System.out.printf(Locale.ROOT, "%n== chainopen: %d runs of %,d ChainStore.open(new id) + 1 append per policy%n", runs, k);
        Map<FsyncPolicy, double[]> rates = new LinkedHashMap<>();
        List<FsyncPolicy> policies = List.of(FsyncPolicy.GROUP_COMMIT, FsyncPolicy.NEVER);
        policies.forEach(p -> rates.put(p, new double[runs]));
        for (int r = 0; r < runs; r++) {
            for (FsyncPolicy policy : policies) {
                Path home = tempHome();
                try (ChainStore store = ChainStore.builder().home(home).fsync(policy).build()) {
                    List<ActorChain> open = new ArrayList<>(k);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < k; i++) {
                        ActorChain c = store.open("c-" + i);
                        c.append("lifecycle/starting", new byte[0], java.util.Optional.empty());
                        open.add(c);
                    }
                    long t1 = System.nanoTime();
                    open.forEach(ActorChain::close);
                    rates.get(policy)[r] = k / ((t1 - t0) / 1e9);
                    System.out.printf(Locale.ROOT, "  run %d, fsync %-12s: %,.0f opens/s (%.1f µs per open)%n", r, policy,
                            rates.get(policy)[r], (t1 - t0) / 1000.0 / k);
                } finally {
                    delete(home);
                }
            }
        }
        rates.forEach((p, v) -> System.out.println("chainopen, fsync " + p + " RESULT: " + Stats.summary("opens/s", v)));
    }
}
