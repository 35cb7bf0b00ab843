package dev.theater.bench.runtime;

import dev.theater.chain.FsyncPolicy;
import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ActorManifest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code start}: actor start rate. K starts of bench-sink (runtime + message-server handlers) with distinct ids,
 * the module already compiled, in a fresh Theater per run and fsync policy; the policies are interleaved.
 *
 * <p>Options: {@code k=2000} starts per run, {@code runs=5}, {@code startwarmup=300} warm-up starts (+ stops)
 * per Theater, {@code startfsync=GROUP_COMMIT,NEVER}, {@code wallprofile} (any value: sample the starting
 * thread's stack every 200 µs, waits included, and print the top frames).
 */
final class StartScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int k = options.intOpt("k", 2000);
        int runs = options.intOpt("runs", 5);
        int warm = options.intOpt("startwarmup", 300);
        List<FsyncPolicy> policies = options.has("startfsync")
                ? Arrays.stream(options.get("startfsync", "").split(",")).map(FsyncPolicy::valueOf).toList()
                : List.of(FsyncPolicy.GROUP_COMMIT, FsyncPolicy.NEVER);
        System.out.printf(Locale.ROOT, "%n== start: %d runs of K = %,d starts per fsync policy %s (fresh Theater per run, %d warm-up"
                + " starts + stops first)%n", runs, k, policies, warm);
        ActorManifest m = BenchGuests.manifest("bench-sink", 0);
        Map<FsyncPolicy, double[]> rates = new LinkedHashMap<>();
        policies.forEach(p -> rates.put(p, new double[runs]));
        for (int r = 0; r < runs; r++) {
            for (FsyncPolicy policy : policies) { // interleaved, so drift on the machine hits both alike
                try (BenchHome home = options.newHome(); Theater theater = home.theater(policy)) {
                    for (int i = 0; i < warm; i++) {
                        theater.start(m, StartOptions.defaults().withId("w-" + i)).stop();
                    }
                    List<ActorRef> started = new ArrayList<>(k);
                    WallProfiler wall = options.has("wallprofile") ? new WallProfiler(Thread.currentThread(), 200) : null;
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
                }
            }
        }
        rates.forEach((p, v) -> System.out.println("start, fsync " + p + " RESULT: " + Stats.summary("starts/s", v)));
    }
}
