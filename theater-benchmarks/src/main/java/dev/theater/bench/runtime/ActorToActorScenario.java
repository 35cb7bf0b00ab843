package dev.theater.bench.runtime;

import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code a2a}: actor → actor request latency. bench-sender's handle-send "req n echo" makes n sequential
 * message-server requests to bench-sink; the mean is the time of the Java send / n.
 *
 * <p>Options: {@code a2an=20000} requests per run, {@code runs=5}, {@code warmup=2}, {@code fsync=GROUP_COMMIT}.
 */
final class ActorToActorScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int n = options.intOpt("a2an", 20_000);
        int runs = options.intOpt("runs", 5);
        int warmup = options.intOpt("warmup", 2);
        System.out.printf(Locale.ROOT, "%n== a2a request (actor -> actor): %d warm-up + %d runs of %,d, fsync %s%n", warmup, runs, n,
                options.fsync());
        double[] means = new double[runs];
        try (BenchHome home = options.newHome(); Theater theater = home.theater(options.fsync())) {
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
        }
        System.out.println("a2a request mean RESULT: " + Stats.summary1("µs", means));
    }
}
