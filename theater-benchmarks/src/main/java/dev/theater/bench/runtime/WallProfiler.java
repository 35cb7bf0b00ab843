package dev.theater.bench.runtime;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A poor man's wall-clock profiler for one thread: samples its stack every {@code periodMicros} from a
 * daemon thread, whatever its state (running, parked, in a system call), and counts, per sample, the top
 * frame and the innermost {@code dev.theater} frame. JFR's execution samples see only running Java code;
 * this shows where a thread <em>waits</em> (fsync, a parked future) as well.
 */
final class WallProfiler implements AutoCloseable {

    private final Thread target;
    private final Thread sampler;
    private final Map<String, Integer> byPair = new HashMap<>();
    private final Map<String, Integer> byTheater = new HashMap<>();
    private volatile boolean running = true;
    private int samples;

    WallProfiler(Thread target, long periodMicros) {
        this.target = target;
        this.sampler = Thread.ofPlatform().daemon().name("wall-profiler").start(() -> {
            while (running) {
                StackTraceElement[] st = target.getStackTrace();
                record(st);
                java.util.concurrent.locks.LockSupport.parkNanos(periodMicros * 1000);
            }
        });
    }

    private synchronized void record(StackTraceElement[] st) {
        if (st.length == 0) {
            return;
        }
        samples++;
        String top = st[0].getClassName() + "." + st[0].getMethodName();
        String theater = "(no dev.theater frame)";
        for (StackTraceElement e : st) {
            if (e.getClassName().startsWith("dev.theater.") && !e.getClassName().startsWith("dev.theater.bench.")) {
                theater = e.getClassName().replace("dev.theater.", "") + "." + e.getMethodName() + ":" + e.getLineNumber();
                break;
            }
        }
        byPair.merge(theater + "  <-  " + top, 1, Integer::sum);
        byTheater.merge(theater, 1, Integer::sum);
    }

    @Override
    public synchronized void close() {
        running = false;
    }

    void print(String title, int top) {
        close();
        System.out.printf(Locale.ROOT, "  wall-clock profile of %s (%s, %d samples): innermost dev.theater frame%n", target.getName(),
                title, samples);
        byTheater.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
        System.out.println("    ... with the top frame:");
        byPair.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "    %5.1f%%  %s%n", 100.0 * e.getValue() / samples, e.getKey()));
    }
}
