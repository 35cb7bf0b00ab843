package dev.theater.chain;

import java.util.concurrent.CompletableFuture;

/** A live subscription to one actor's chain. Closing it stops delivery. */
public interface Subscription extends AutoCloseable {
    /** How many events this subscriber has lost so far because its queue was full. */
    long missed();

    /** How many events have been handed to the listener. */
    long delivered();

    /** The queue bound: at most this many events wait for the listener. */
    int capacity();

    /** Whether the subscription has ended. */
    boolean isClosed();

    /** Stops delivery now: events still queued are dropped. */
    @Override
    void close();

    /**
     * Takes no more events, lets the listener receive every event already queued, then ends. The future completes
     * once {@link ChainListener#onClosed} has run. Every event appended before this call is delivered (unless the
     * listener fell behind and lost it, which {@link ChainListener#onMissed} reports): so after an actor call's
     * future completes, this sees every event of that call, without sleeping.
     */
    CompletableFuture<Void> closeAfterDelivery();
}
