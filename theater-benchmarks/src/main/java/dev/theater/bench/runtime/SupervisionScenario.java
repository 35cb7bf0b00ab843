package dev.theater.bench.runtime;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code supervision}: children spawned per second through {@code supervisor.spawn} (the sup-parent guest's
 * {@code spawn-many n worker.toml}: n spawn host calls in one export call, each a full child start, the module
 * already compiled), and the restart latency of a one-for-one parent: from the Java send that makes a sup-child
 * trap to the new incarnation's {@code lifecycle/running} event (the trap, the stop, the strategy, the start).
 *
 * <p>Options: {@code spawns=2000} per run, {@code restarts=500}, {@code runs=3}; fsync as {@code fsync=};
 * {@code wallprofile} (any value: sample the spawning guest thread's stack every 200 µs, waits included).
 */
final class SupervisionScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int spawns = options.intOpt("spawns", 2_000);
        int restarts = options.intOpt("restarts", 500);
        int runs = options.intOpt("runs", 3);
        System.out.printf(Locale.ROOT, "%n== supervision: %d runs of %,d spawns, then %,d restarts, fsync %s%n", runs,
                spawns, restarts, options.fsync());
        double[] rate = new double[runs];
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        for (int r = 0; r < runs; r++) {
            try (BenchHome home = options.newHome()) {
                Path app = app(home.path());
                Running running = new Running();
                try (Theater theater = Theater.builder().home(home.path().resolve("home")).fsync(options.fsync())
                        .chainListeners(running::listener).build()) {
                    ActorRef spawner = theater.start(app.resolve("spawner.toml"));
                    spawner.send(("spawn-many 50 worker.toml").getBytes(StandardCharsets.UTF_8)).join(); // warm-up
                    long t0 = System.nanoTime();
                    var sent = spawner.send(("spawn-many " + spawns + " worker.toml").getBytes(StandardCharsets.UTF_8));
                    WallProfiler wall = options.has("wallprofile") ? spawningThread().map(t -> new WallProfiler(t, 200))
                            .orElse(null) : null;
                    sent.join();
                    rate[r] = spawns / ((System.nanoTime() - t0) / 1e9);
                    if (wall != null) {
                        wall.print("spawn-many " + spawns, 25);
                    }
                    if (theater.actorIds().size() != spawns + 50 + 1) {
                        throw new IllegalStateException("expected " + (spawns + 51) + " actors, found " + theater.actorIds().size());
                    }
                    spawner.stop();

                    ActorRef parent = theater.start(app.resolve("parent.toml"));
                    parent.send("spawn worker.toml".getBytes(StandardCharsets.UTF_8)).join();
                    String child = "parent.worker-1";
                    long[] lat = new long[restarts];
                    for (int i = 0; i < restarts; i++) {
                        CountDownLatch again = running.expect(child);
                        long start = System.nanoTime();
                        theater.actor(child).orElseThrow().send("crash".getBytes(StandardCharsets.UTF_8));
                        if (!await(again)) {
                            throw new IllegalStateException(child + " did not run again within 30 s");
                        }
                        lat[i] = System.nanoTime() - start;
                        while (theater.actor(child).isEmpty()) {
                            Thread.onSpinWait(); // running, but not yet in the registry: the next crash needs it there
                        }
                    }
                    Arrays.sort(lat);
                    p50[r] = Stats.percentileMicros(lat, 50);
                    p99[r] = Stats.percentileMicros(lat, 99);
                }
            }
            System.out.printf(Locale.ROOT, "  run %d: %,.0f spawns/s; restart p50 %.1f µs, p99 %.1f µs%n", r, rate[r], p50[r], p99[r]);
        }
        System.out.println("spawns RESULT: " + Stats.summary("spawns/s", rate));
        System.out.println("restart p50 RESULT: " + Stats.summary1("µs", p50));
        System.out.println("restart p99 RESULT: " + Stats.summary1("µs", p99));
    }

    /** The guest thread running the spawner's {@code spawn-many}: the one inside the supervisor handler's spawn. */
    private static Optional<Thread> spawningThread() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (var e : Thread.getAllStackTraces().entrySet()) {
                for (StackTraceElement f : e.getValue()) {
                    if (f.getClassName().endsWith("SupervisorHandler") && f.getMethodName().equals("spawn")) {
                        return Optional.of(e.getKey());
                    }
                }
            }
            Thread.onSpinWait();
        }
        return Optional.empty();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Counts the lifecycle/running events of actors, so a restart's end can be awaited. */
    private static final class Running {
        private final ConcurrentHashMap<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

        CountDownLatch expect(String id) {
            CountDownLatch latch = new CountDownLatch(1);
            waiting.put(id, latch);
            return latch;
        }

        Optional<ChainListener> listener(String id) {
            if (!id.startsWith("parent.")) {
                return Optional.empty(); // the spawner's children: a subscription each would be measured with them
            }
            return Optional.of(new ChainListener() {
                @Override
                public boolean accepts(ChainEvent event) {
                    return event.eventType().equals("lifecycle/running");
                }

                @Override
                public void onEvent(ChainEvent event) {
                    CountDownLatch latch = waiting.remove(id);
                    if (latch != null) {
                        latch.countDown();
                    }
                }
            });
        }
    }

    /** A parent's folder: the guests, a spawner (no strategy), a one-for-one parent, the worker manifest. */
    private static Path app(Path home) {
        try {
            Path app = Files.createDirectories(home.resolve("app"));
            Path guests = BenchGuests.folder();
            for (String guest : new String[] {"sup-parent", "sup-child"}) {
                Files.copy(guests.resolve(guest).resolve(guest + ".wasm"), app.resolve(guest + ".wasm"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            String handlers = "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n";
            Files.writeString(app.resolve("worker.toml"), "name = \"worker\"\ncomponent_path = \"sup-child.wasm\"\n"
                    + "[limits]\nmailbox_capacity = 16\n" + handlers);
            Files.writeString(app.resolve("spawner.toml"), "name = \"spawner\"\ncomponent_path = \"sup-parent.wasm\"\n"
                    + handlers + "[[handlers]]\ntype = \"supervisor\"\n");
            Files.writeString(app.resolve("parent.toml"), "name = \"parent\"\ncomponent_path = \"sup-parent.wasm\"\n"
                    + handlers + "[[handlers]]\ntype = \"supervisor\"\n"
                    + "config = { strategy = \"one-for-one\", max_restarts = 1000000, window_ms = 1000 }\n");
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
