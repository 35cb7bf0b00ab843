package dev.theater.handler.timing;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one scheduler thread of a runtime's timers, shared by every actor (no thread per timer or per actor). It only
 * does bookkeeping and offers firings to mailboxes, which never waits ({@code ActorExport.offer}: a full mailbox
 * refuses at once), so no actor can hold it. Cancelled ticks leave its queue at once; the thread ends after 10 s
 * without timers and comes back with the next one.
 */
final class TimerScheduler {

    private static final AtomicInteger RUNTIMES = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;

    TimerScheduler() {
        String name = "theater-timers-" + RUNTIMES.incrementAndGet();
        executor = new ScheduledThreadPoolExecutor(1, task -> Thread.ofPlatform().daemon().name(name).unstarted(task));
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code tick} on the scheduler thread after {@code delayNanos}; it must be quick and must not block. */
    ScheduledFuture<?> schedule(Runnable tick, long delayNanos) {
        return executor.schedule(tick, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Ticks waiting (cancelled ones are removed at once), for tests. */
    int queued() {
        return executor.getQueue().size();
    }
}
