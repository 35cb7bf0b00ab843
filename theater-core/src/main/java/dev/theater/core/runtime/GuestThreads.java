package dev.theater.core.runtime;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads actors run their calls on: platform threads, one per actor that has work, taken from a pool and
 * given back when its mailbox is empty. Guest code is CPU-bound and virtual threads are not preempted, so on
 * virtual threads a few spinning guests would hold every carrier and freeze every other actor until their
 * deadlines; platform threads are time-sliced by the OS, so a spinning guest costs its neighbours a share of
 * the CPU, never their turn. An actor blocked in a host call (a {@code request} waiting for another actor)
 * holds its thread, and the actor it waits for gets another one: the pool grows to the number of actors with
 * work, up to {@code maxThreads}. Past that, calls run on virtual threads (unfair, but never a deadlock of
 * threads waiting on each other); that is logged once. Idle threads end after 30 s.
 */
public final class GuestThreads implements Executor, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GuestThreads.class.getName());

    private final ThreadPoolExecutor pool;
    private final int maxThreads;
    private final AtomicBoolean overflowLogged = new AtomicBoolean();

    public GuestThreads(int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("guest threads must be at least 1, was " + maxThreads);
        }
        this.maxThreads = maxThreads;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory platform = task -> Thread.ofPlatform().daemon().name("theater-guest-" + count.incrementAndGet())
                .uncaughtExceptionHandler((t, e) -> LOG.log(System.Logger.Level.ERROR, "uncaught in " + t.getName(), e))
                .unstarted(task);
        this.pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), platform,
                (task, executor) -> overflow(task));
    }

    @Override
    public void execute(Runnable actorWork) {
        pool.execute(actorWork);
    }

    private void overflow(Runnable actorWork) {
        if (overflowLogged.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "all " + maxThreads + " guest threads are busy; further actor calls run"
                    + " on virtual threads, where a CPU-bound guest can delay others (raise Theater.Builder.guestThreads)");
        }
        Thread.ofVirtual().name("theater-guest-overflow").start(actorWork);
    }

    /** Threads in the pool now (busy or idle). */
    public int poolSize() {
        return pool.getPoolSize();
    }

    /** Lets running work finish; no new work is taken. */
    @Override
    public void close() {
        pool.shutdown();
    }
}
