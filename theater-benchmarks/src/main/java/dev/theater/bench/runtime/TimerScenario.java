package dev.theater.bench.runtime;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.ManifestParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code timers}: timer lateness with many actors each holding one repeating timer. A fresh Theater per run starts
 * {@code actors} {@code bench-timer} guests (timing handler only; each sets {@code schedule-every(period)} in
 * {@code init}) and lets them tick; after a warm-up, every {@code timers/fired} event of the measured window gives
 * one sample, its {@code late_us}: how long after its tick a firing's call got its turn on the actor's thread (the
 * shared scheduler thread, the hand-off to a virtual thread, the mailbox, the guest thread). Also reported: the
 * firings handled per second against the ticks due, and the ticks skipped (a firing still queued when the next tick
 * came). The reference, measured in the same run before the actors: a plain {@code ScheduledThreadPoolExecutor} with
 * one thread and as many fixed-rate tasks of the same period, each sample how late a task ran after its tick (the
 * JVM's own timer lateness on this machine, with no actor, mailbox, Wasm or chain).
 *
 * <p>Options: {@code actors=1000}, {@code period=10} (ms), {@code warmup=3} and {@code seconds=5} per run,
 * {@code runs=3}; fsync as {@code fsync=}, home as {@code home=}.
 */
final class TimerScenario implements Scenario {

    @Override
    public void run(HarnessOptions options) {
        int actors = options.intOpt("actors", 1_000);
        int period = options.intOpt("period", 10);
        int warmup = options.intOpt("warmup", 3);
        int seconds = options.intOpt("seconds", 5);
        int runs = options.intOpt("runs", 3);
        System.out.printf(Locale.ROOT, "%n== timers: %d runs; %,d actors, each a %d ms repeating timer; %d s warm-up,"
                + " %d s measured; fsync %s%n", runs, actors, period, warmup, seconds, options.fsync());
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        double[] p999 = new double[runs];
        double[] max = new double[runs];
        double[] rate = new double[runs];
        double[] skipped = new double[runs];
        double[] refP50 = new double[runs];
        double[] refP99 = new double[runs];
        for (int r = 0; r < runs; r++) {
            long[] ref = reference(actors, period, warmup, seconds);
            refP50[r] = Stats.percentileMicros(ref, 50);
            refP99[r] = Stats.percentileMicros(ref, 99);
            System.out.printf(Locale.ROOT, "  run %d reference (plain ScheduledThreadPoolExecutor, %,d tasks): %,d runs,"
                    + " lateness p50 %.0f µs, p99 %.0f µs%n", r, actors, ref.length, refP50[r], refP99[r]);
            Samples samples = new Samples();
            try (BenchHome home = options.newHome();
                 Theater theater = Theater.builder().home(home.path().resolve("home")).fsync(options.fsync())
                         .chainListeners(id -> Optional.of(samples.listener())).build()) {
                ActorManifest manifest = manifest();
                byte[] state = ("{\"period\":" + period + "}").getBytes(StandardCharsets.UTF_8);
                List<ActorRef> started = new ArrayList<>();
                for (int i = 0; i < actors; i++) {
                    started.add(theater.start(manifest, StartOptions.defaults().withId("t-" + i).withInitialState(state)));
                }
                sleep(warmup);
                samples.recording.set(true);
                long t0 = System.nanoTime();
                sleep(seconds);
                samples.recording.set(false);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                for (ActorRef a : started) {
                    a.stop();
                }
                long[] late = samples.sorted();
                if (late.length == 0) {
                    throw new IllegalStateException("no timer fired in the measured window");
                }
                p50[r] = Stats.percentileMicros(late, 50);
                p99[r] = Stats.percentileMicros(late, 99);
                p999[r] = Stats.percentileMicros(late, 99.9);
                max[r] = late[late.length - 1] / 1000.0;
                rate[r] = late.length / elapsed;
                double due = actors * (1000.0 / period);
                skipped[r] = 100.0 * samples.missed.get() / (samples.missed.get() + late.length);
                System.out.printf(Locale.ROOT, "  run %d: %,d firings (%,.0f/s of %,.0f ticks/s due), lateness p50 %.0f µs,"
                        + " p99 %.0f µs, p99.9 %.0f µs, max %.1f ms; %.2f%% of ticks skipped; %,d events lost by the"
                        + " listener%n", r, late.length, rate[r], due, p50[r], p99[r], p999[r], max[r] / 1000,
                        skipped[r], samples.lost.get());
            }
        }
        System.out.println("reference lateness p50 RESULT: " + Stats.summary("µs", refP50));
        System.out.println("reference lateness p99 RESULT: " + Stats.summary("µs", refP99));
        System.out.println("timer lateness p50 RESULT: " + Stats.summary("µs", p50));
        System.out.println("timer lateness p99 RESULT: " + Stats.summary("µs", p99));
        System.out.println("timer lateness p99.9 RESULT: " + Stats.summary("µs", p999));
        System.out.println("timer firings RESULT: " + Stats.summary("firings/s", rate));
        System.out.println("timer ticks skipped RESULT: " + Stats.summary1("%", skipped));
    }

    private static ActorManifest manifest() {
        Path wasm = BenchGuests.folder().resolve("bench-timer").resolve("bench-timer.wasm");
        String toml = "name = \"timer\"\ncomponent_path = \"" + wasm.toString().replace("\\", "\\\\") + "\"\n"
                + "[[handlers]]\ntype = \"timing\"\n";
        return ManifestParser.parse(toml, "timer.toml", BenchGuests.folder());
    }

    /** The reference: {@code tasks} fixed-rate tasks on one plain scheduler thread; how late each run was, sorted. */
    private static long[] reference(int tasks, int period, int warmup, int seconds) {
        java.util.concurrent.ScheduledThreadPoolExecutor executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        Samples samples = new Samples();
        long periodNanos = period * 1_000_000L;
        for (int i = 0; i < tasks; i++) {
            long start = System.nanoTime() + periodNanos;
            long[] n = {0};
            executor.scheduleAtFixedRate(() -> {
                long late = System.nanoTime() - (start + n[0]++ * periodNanos);
                if (samples.recording.get()) {
                    samples.add(Math.max(0, late));
                }
            }, periodNanos, periodNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        sleep(warmup);
        samples.recording.set(true);
        sleep(seconds);
        samples.recording.set(false);
        executor.shutdownNow();
        return samples.sorted();
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The late_us of every timers/fired event while recording, read from the event bytes without a JSON parse. */
    private static final class Samples {
        private static final byte[] LATE = "\"late_us\":".getBytes(StandardCharsets.UTF_8);
        private static final byte[] MISSED = "\"missed\":".getBytes(StandardCharsets.UTF_8);

        final AtomicBoolean recording = new AtomicBoolean();
        final AtomicLong missed = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        private long[] nanos = new long[1 << 20]; // guarded by this
        private int size; // guarded by this

        ChainListener listener() {
            return new ChainListener() {
                @Override
                public boolean accepts(ChainEvent event) {
                    return recording.get() && event.eventType().equals("timers/fired");
                }

                @Override
                public void onEvent(ChainEvent event) {
                    byte[] data = event.data();
                    missed.addAndGet(number(data, MISSED));
                    add(number(data, LATE) * 1000);
                }

                @Override
                public void onMissed(long count) {
                    lost.addAndGet(count);
                }
            };
        }

        synchronized void add(long lateNanos) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = lateNanos;
        }

        synchronized long[] sorted() {
            long[] s = Arrays.copyOf(nanos, size);
            Arrays.sort(s);
            return s;
        }

        private static long number(byte[] data, byte[] key) {
            outer:
            for (int i = 0; i + key.length <= data.length; i++) {
                for (int k = 0; k < key.length; k++) {
                    if (data[i + k] != key[k]) {
                        continue outer;
                    }
                }
                long v = 0;
                for (int j = i + key.length; j < data.length && data[j] >= '0' && data[j] <= '9'; j++) {
                    v = v * 10 + (data[j] - '0');
                }
                return v;
            }
            throw new IllegalStateException("no " + new String(key, StandardCharsets.UTF_8) + " in "
                    + new String(data, StandardCharsets.UTF_8));
        }
    }
}
