package dev.theater.core.runtime;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An actor's bounded mailbox. Senders wait while it is full (backpressure) up to a deadline; the stop marker
 * bypasses the bound so that a full mailbox can always be stopped. The mailbox does not run anything itself:
 * the actor drains it on a guest thread whenever it has work ({@link Actor}).
 */
final class Mailbox {

    /** Something to run on the actor's thread. */
    interface Task {
        void run();

        /** The actor stopped before this task ran. */
        void reject(String reason);
    }

    private static final Task STOP = new Task() {
        @Override
        public void run() {
        }

        @Override
        public void reject(String reason) {
        }
    };

    private final ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger(); // tasks in the queue, the stop marker not counted
    private final Semaphore free;
    private final int capacity;
    private volatile boolean closed;

    Mailbox(int capacity) {
        this.capacity = capacity;
        this.free = new Semaphore(capacity);
    }

    int capacity() {
        return capacity;
    }

    /** Tasks waiting (the stop marker not counted). */
    int size() {
        return queued.get();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Queues {@code task}, waiting up to {@code patience} for room; false when still full. */
    boolean offer(Task task, Duration patience) throws InterruptedException {
        if (!free.tryAcquire() && !free.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        queued.incrementAndGet();
        queue.add(task);
        if (closed) {
            drain("the actor stopped"); // raced with the last drain: reject it rather than strand it
        }
        return true;
    }

    /** Queues the stop marker: tasks queued before it still run, later ones are rejected. */
    void stop() {
        queue.add(STOP);
    }

    /** The next task, {@link #STOP} once the stop marker is reached, or null when the mailbox is empty. */
    Task poll() {
        Task task = queue.poll();
        if (task != null && task != STOP) {
            queued.decrementAndGet();
            free.release();
        }
        return task;
    }

    static boolean isStop(Task task) {
        return task == STOP;
    }

    /** Closes the mailbox and rejects every task still queued; safe to call more than once. */
    void drain(String reason) {
        closed = true;
        Task task;
        while ((task = queue.poll()) != null) {
            if (task != STOP) {
                queued.decrementAndGet();
                free.release();
                task.reject(reason);
            }
        }
    }
}
