package dev.theater.core.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Interrupts the current thread when a deadline passes; both Chicory modes check the interrupt flag
 * in loops and calls, so a runaway guest stops. Closing disarms it and clears an interrupt it caused.
 */
public final class CallDeadline implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "theater-call-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final AtomicBoolean fired = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledFuture<?> task;

    private CallDeadline(Thread target, Duration timeout) {
        this.task = TIMER.schedule(() -> {
            // closed and fired are set under the same lock so that a call that already returned is never interrupted
            synchronized (this) {
                if (!closed.get()) {
                    fired.set(true);
                    target.interrupt();
                }
            }
        }, Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Arms a deadline for the current thread. */
    public static CallDeadline start(Duration timeout) {
        return new CallDeadline(Thread.currentThread(), timeout);
    }

    /** Whether the deadline passed and the thread was interrupted. */
    public boolean expired() {
        return fired.get();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed.set(true);
        }
        task.cancel(false);
        if (fired.get()) {
            Thread.interrupted(); // the interrupt was ours, not the caller's
        }
    }
}
