package dev.theater.chain;

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

    @Override
    void close();
}
