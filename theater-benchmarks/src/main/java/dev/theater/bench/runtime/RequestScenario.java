package dev.theater.bench.runtime;

import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code request}: Java → actor round-trip latency. Sequential {@code ActorRef.request(100 B)} to bench-sink's
 * handle-request (an echo), each call timed.
 *
 * <p>Options: {@code samples=20000} per run, {@code runs=5}, {@code reqwarmup=20000} warm-up requests,
 * {@code fsync=GROUP_COMMIT}.
 */
final class RequestScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int samples = options.intOpt("samples", 20_000);
        int runs = options.intOpt("runs", 5);
        int warm = options.intOpt("reqwarmup", 20_000);
        System.out.printf(Locale.ROOT, "%n== request (Java -> actor): %,d warm-up + %d runs of %,d sequential samples, fsync %s%n",
                warm, runs, samples, options.fsync());
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        double[] p999 = new double[runs];
        double[] mean = new double[runs];
        try (BenchHome home = options.newHome(); Theater theater = home.theater(options.fsync())) {
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
        }
        System.out.println("request p50 RESULT: " + Stats.summary1("µs", p50));
        System.out.println("request p99 RESULT: " + Stats.summary1("µs", p99));
        System.out.println("request p99.9 RESULT: " + Stats.summary1("µs", p999));
        System.out.println("request mean RESULT: " + Stats.summary1("µs", mean));
    }
}
