package dev.theater.core.runtime;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An actor's bounded mailbox. Senders wait while it is full (backpressure) up to a deadline; the stop
 * marker bypasses the bound so that a full mailbox can always be stopped.
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

    private final LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
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

    int size() {
        return queue.size();
    }

    /** Queues {@code task}, waiting up to {@code patience} for room; false when still full. */
    boolean offer(Task task, Duration patience) throws InterruptedException {
        if (!free.tryAcquire() && !free.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
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

    /** The next task, or empty once the stop marker is reached. */
    java.util.Optional<Task> take() throws InterruptedException {
        Task task = queue.take();
        if (task == STOP) {
            return java.util.Optional.empty();
        }
        free.release();
        return java.util.Optional.of(task);
    }

    /** Closes the mailbox and rejects every task still queued; safe to call more than once. */
    void drain(String reason) {
        closed = true;
        Task task;
        while ((task = queue.poll()) != null) {
            if (task != STOP) {
                free.release();
                task.reject(reason);
            }
        }
    }
}
