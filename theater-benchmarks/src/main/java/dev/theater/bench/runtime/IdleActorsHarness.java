package dev.theater.bench.runtime;

import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ActorManifest;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many idle actors fit in a heap: starts {@code n} bench-sink actors (1-page memory, runtime and
 * message-server handlers, chain on) and reports the heap and direct memory they hold after a GC. Run with
 * the heap to test, e.g. {@code java -Xmx1g -cp benchmarks.jar dev.theater.bench.runtime.IdleActorsHarness 10000}.
 */
public final class IdleActorsHarness {

    private IdleActorsHarness() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path home = Files.createTempDirectory(Path.of(System.getProperty("theater.bench.home", "/dev/shm")), "idle");
        ActorManifest sink = BenchGuests.manifest("bench-sink", 0);
        try (Theater theater = Theater.builder().home(home).build()) {
            long before = usedHeap();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                theater.start(sink, StartOptions.defaults().withId("idle-" + i));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long after = usedHeap();
            System.out.printf("idle RESULT: %,d actors running; heap %,d MiB (%,d KiB per actor); direct %,d MiB;"
                            + " max heap %,d MiB; started in %.1f s%n",
                    theater.actorIds().size(), (after - before) >> 20, (after - before) / n >> 10, direct() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20, seconds);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long direct() {
        long total = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            total += pool.getMemoryUsed();
        }
        return total;
    }
}
