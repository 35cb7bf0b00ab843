package dev.theater.bench.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code handoff}: the floor under {@code request}, the same thread hand-offs without Wasm, handlers or chain.
 * The calling (platform) thread puts a CompletableFuture on a LinkedBlockingQueue served by one virtual thread,
 * which completes it; the caller joins it.
 *
 * <p>Options: {@code samples=20000} per run, {@code runs=5}, {@code reqwarmup=20000} warm-up hand-offs.
 */
final class HandoffScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int samples = options.intOpt("samples", 20_000);
        int runs = options.intOpt("runs", 5);
        int warm = options.intOpt("reqwarmup", 20_000);
        System.out.printf(Locale.ROOT, "%n== handoff (floor: platform thread -> virtual thread -> back, no runtime): %d runs of %,d%n",
                runs, samples);
        LinkedBlockingQueue<CompletableFuture<byte[]>> q = new LinkedBlockingQueue<>();
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
            var f = new CompletableFuture<byte[]>();
            q.add(f);
            f.join();
        }
        long[] lat = new long[samples];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                var f = new CompletableFuture<byte[]>();
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
}
