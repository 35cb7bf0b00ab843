package dev.theater.bench.runtime;

import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ManifestParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code fairness}: a healthy actor's {@code request} latency while CPU-bound actors spin beside it. For each count
 * of spinners (lifecycle guests each stuck in {@code handle-send("spin")} with a 10-minute deadline), sequential
 * {@code ActorRef.request(100 B)} to bench-sink's echo, each timed; then the spinners are stopped (interrupted).
 *
 * <p>Options: {@code spinners=0,1,2,4,8}, {@code fsamples=2000} per run, {@code fwarmup=500}, {@code runs=3}.
 */
final class FairnessScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int[] counts = Arrays.stream(options.get("spinners", "0,1,2,4,8").split(",")).mapToInt(Integer::parseInt).toArray();
        int samples = options.intOpt("fsamples", 2_000);
        int warm = options.intOpt("fwarmup", 500);
        int runs = options.intOpt("runs", 3);
        System.out.printf(Locale.ROOT, "%n== fairness: request latency of a healthy actor beside N spinning actors"
                + " (%d cores), %,d warm-up + %d runs of %,d samples%n", Runtime.getRuntime().availableProcessors(),
                warm, runs, samples);
        for (int spinners : counts) {
            double[] p50 = new double[runs];
            double[] p99 = new double[runs];
            double[] max = new double[runs];
            try (BenchHome home = options.newHome(); Theater theater = home.theater(options.fsync())) {
                ActorRef echo = theater.start(BenchGuests.manifest("bench-sink", 0), StartOptions.defaults().withId("echo"));
                List<ActorRef> spinning = new ArrayList<>();
                List<CompletableFuture<Void>> spins = new ArrayList<>();
                for (int i = 0; i < spinners; i++) {
                    ActorRef spinner = theater.start(spinnerManifest(), StartOptions.defaults().withId("spinner-" + i));
                    spinning.add(spinner);
                    spins.add(spinner.send("spin".getBytes(StandardCharsets.UTF_8)));
                }
                for (int i = 0; i < warm; i++) {
                    echo.request(BenchGuests.PAYLOAD).join();
                }
                long[] lat = new long[samples];
                for (int r = 0; r < runs; r++) {
                    for (int i = 0; i < samples; i++) {
                        long t0 = System.nanoTime();
                        echo.request(BenchGuests.PAYLOAD).join();
                        lat[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(lat);
                    p50[r] = Stats.percentileMicros(lat, 50);
                    p99[r] = Stats.percentileMicros(lat, 99);
                    max[r] = lat[samples - 1] / 1000.0;
                }
                if (spins.stream().anyMatch(CompletableFuture::isDone)) {
                    throw new IllegalStateException("a spinner stopped spinning during the measure");
                }
                spinning.forEach(ActorRef::stop);
            }
            System.out.printf(Locale.ROOT, "fairness %d spinners RESULT: p50 %s, p99 %s, max %s%n", spinners,
                    Stats.summary1("µs", p50), Stats.summary1("µs", p99), Stats.summary1("µs", max));
        }
    }

    private static dev.theater.core.manifest.ActorManifest spinnerManifest() {
        Path wasm = BenchGuests.folder().resolve("lifecycle").resolve("lifecycle.wasm");
        String toml = "name = \"spinner\"\ncomponent_path = \"" + wasm.toString().replace("\\", "\\\\") + "\"\n"
                + "[limits]\ncall_timeout_ms = 600000\n[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n";
        return ManifestParser.parse(toml, "spinner.toml", BenchGuests.folder());
    }
}
