package dev.theater.bench.runtime;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code chainopen}: a split of {@code start}. Opens K new chains in a ChainStore (one append each, closed after
 * the timing), nothing else, under group commit and NEVER, interleaved.
 *
 * <p>Options: {@code k=2000} opens per run, {@code runs=5}.
 */
final class ChainOpenScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int k = options.intOpt("k", 2000);
        int runs = options.intOpt("runs", 5);
        System.out.printf(Locale.ROOT, "%n== chainopen: %d runs of %,d ChainStore.open(new id) + 1 append per policy%n", runs, k);
        Map<FsyncPolicy, double[]> rates = new LinkedHashMap<>();
        List<FsyncPolicy> policies = List.of(FsyncPolicy.GROUP_COMMIT, FsyncPolicy.NEVER);
        policies.forEach(p -> rates.put(p, new double[runs]));
        for (int r = 0; r < runs; r++) {
            for (FsyncPolicy policy : policies) {
                try (BenchHome home = options.newHome();
                        ChainStore store = ChainStore.builder().home(home.path()).fsync(policy).build()) {
                    List<ActorChain> open = new ArrayList<>(k);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < k; i++) {
                        ActorChain c = store.open("c-" + i);
                        c.append("lifecycle/starting", new byte[0], Optional.empty());
                        open.add(c);
                    }
                    long t1 = System.nanoTime();
                    open.forEach(ActorChain::close);
                    rates.get(policy)[r] = k / ((t1 - t0) / 1e9);
                    System.out.printf(Locale.ROOT, "  run %d, fsync %-12s: %,.0f opens/s (%.1f µs per open)%n", r, policy,
                            rates.get(policy)[r], (t1 - t0) / 1000.0 / k);
                }
            }
        }
        rates.forEach((p, v) -> System.out.println("chainopen, fsync " + p + " RESULT: " + Stats.summary("opens/s", v)));
    }
}
