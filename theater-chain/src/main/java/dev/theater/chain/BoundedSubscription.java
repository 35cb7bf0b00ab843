package dev.theater.chain;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A subscription with a bounded queue and its own virtual thread. The appending thread only calls
 * {@link #offer}, which never blocks: when the queue is full the event is counted as missed, and the count
 * travels with the next event that fits so the listener learns exactly where the gap is.
 */
final class BoundedSubscription implements Subscription {
    private static final System.Logger LOG = System.getLogger(BoundedSubscription.class.getName());
    private record Delivery(ChainEvent event, long missedBefore) {
    }

    private final ChainListener listener;
    private final ArrayBlockingQueue<Delivery> queue;
    private final int capacity;
    private final Consumer<BoundedSubscription> onClose;
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private long pendingMissed; // guarded by the chain's append lock
    private volatile boolean closed;
    private volatile boolean cancelled;
    private final Thread thread;
    private final ReentrantLock appendLock;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    BoundedSubscription(String name, ChainListener listener, int capacity, ReentrantLock appendLock,
                        Consumer<BoundedSubscription> onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("subscription capacity must be at least 1, got " + capacity);
        }
        this.listener = listener;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // one spare slot for the end marker
        this.onClose = onClose;
        this.appendLock = appendLock;
        this.thread = Thread.ofVirtual().name(name).start(this::deliver);
    }

    /** Called under the chain's append lock; never blocks. */
    void offer(ChainEvent event) {
        if (closed || !listener.accepts(event)) {
            return;
        }
        if (queue.size() < capacity && queue.offer(new Delivery(event, pendingMissed))) {
            pendingMissed = 0;
        } else {
            pendingMissed++;
            missed.incrementAndGet();
        }
    }

    /** Called under the chain's append lock when the chain closes: the listener gets what is queued, then onClosed. */
    void end() {
        if (!closed) {
            closed = true;
            queue.offer(new Delivery(null, pendingMissed));
        }
    }

    private void deliver() {
        try {
            while (true) {
                Delivery d = queue.take();
                if (d.missedBefore > 0) {
                    listener.onMissed(d.missedBefore);
                }
                if (d.event == null) {
                    break;
                }
                if (cancelled) {
                    break;
                }
                delivered.incrementAndGet(); // counted as handed over before the listener runs, so it sees the count
                try {
                    listener.onEvent(d.event);
                } catch (RuntimeException e) { // one bad event for this listener: it keeps getting the next ones
                    LOG.log(System.Logger.Level.WARNING, "a chain listener failed on a '" + d.event.eventType()
                            + "' event; delivery goes on", e);
                }
            }
        } catch (InterruptedException e) {
            // closed by the subscriber
        } finally {
            closed = true;
            onClose.accept(this);
            try {
                listener.onClosed();
            } finally {
                ended.complete(null);
            }
        }
    }

    @Override
    public long missed() {
        return missed.get();
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Stops delivery now; events still queued are dropped. */
    @Override
    public void close() {
        closed = true;
        cancelled = true;
        thread.interrupt();
    }

    @Override
    public CompletableFuture<Void> closeAfterDelivery() {
        appendLock.lock(); // the end marker goes after every event appended so far
        try {
            end();
        } finally {
            appendLock.unlock();
        }
        return ended.copy();
    }
}
