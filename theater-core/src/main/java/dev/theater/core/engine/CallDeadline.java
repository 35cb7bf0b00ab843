package dev.theater.core.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts the current thread when a deadline passes; both Chicory modes check the interrupt flag in
 * loops and calls, so a runaway guest stops. Closing disarms it and clears an interrupt it caused.
 *
 * <p>Arming and closing cost a set insertion and removal: one watchdog thread, shared by every call, wakes
 * every {@link #TICK} while any deadline is armed and parks when none is, so a deadline fires at most one
 * tick late. (A timer task per call would leave each cancelled task queued until its deadline.)
 */
public final class CallDeadline implements AutoCloseable {

    /** How late a deadline may fire. */
    public static final Duration TICK = Duration.ofMillis(5);

    private static final int ARMED = 0;
    private static final int FIRING = 1;
    private static final int FIRED = 2;
    private static final int CLOSED = 3;

    private static final Set<CallDeadline> ARMED_DEADLINES = ConcurrentHashMap.newKeySet();
    private static final Thread WATCHDOG = Thread.ofPlatform().daemon().name("theater-call-deadlines")
            .start(CallDeadline::watch);

    /** Set by the watchdog before it parks with nothing armed; start() wakes it only then. */
    private static volatile boolean watchdogIdle;

    private final Thread target;
    private final long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(ARMED);

    private CallDeadline(Thread target, long deadlineNanos) {
        this.target = target;
        this.deadlineNanos = deadlineNanos;
    }

    /** Arms a deadline for the current thread. */
    public static CallDeadline start(Duration timeout) {
        CallDeadline deadline = new CallDeadline(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
        ARMED_DEADLINES.add(deadline);
        // the watchdog sets idle, then looks at the set; we add, then look at idle: one of us sees the other
        if (watchdogIdle) {
            LockSupport.unpark(WATCHDOG);
        }
        return deadline;
    }

    /** Whether the deadline passed and the thread was interrupted. */
    public boolean expired() {
        int s = state.get();
        return s == FIRING || s == FIRED;
    }

    @Override
    public void close() {
        ARMED_DEADLINES.remove(this);
        if (state.compareAndSet(ARMED, CLOSED)) {
            return;
        }
        while (state.get() == FIRING) {
            Thread.onSpinWait(); // the watchdog is delivering the interrupt: wait, then clear it
        }
        Thread.interrupted(); // the interrupt was ours, not the caller's
    }

    private static void watch() {
        while (true) {
            try {
                watchOnce();
            } catch (Throwable t) { // e.g. an OutOfMemoryError while the heap is short: deadlines must go on
                LockSupport.parkNanos(TICK.toNanos());
            }
        }
    }

    /** One round: park while nothing is armed, else fire what is due and sleep one tick. */
    private static void watchOnce() {
        if (ARMED_DEADLINES.isEmpty()) {
            watchdogIdle = true;
            if (ARMED_DEADLINES.isEmpty()) {
                LockSupport.park(); // woken by the next start(); a spurious wake-up just loops
            }
            watchdogIdle = false;
            return;
        }
        long now = System.nanoTime();
        for (CallDeadline d : ARMED_DEADLINES) {
            if (now - d.deadlineNanos >= 0 && d.state.compareAndSet(ARMED, FIRING)) {
                ARMED_DEADLINES.remove(d);
                try {
                    d.target.interrupt();
                } finally {
                    d.state.set(FIRED); // close() waits for this: it must be set whatever happened
                }
            }
        }
        LockSupport.parkNanos(TICK.toNanos());
    }
}
