package dev.theater.chain;

/**
 * Receives an actor's events live, on a thread of its own subscription (never the actor's thread).
 * A listener that falls behind loses events: it is told how many, in order, by {@link #onMissed}.
 */
public interface ChainListener {
    /** The next event. */
    void onEvent(ChainEvent event);

    /**
     * Whether this listener wants {@code event} at all; the others are not queued for it (so they neither use its
     * queue nor count as missed). Called on the appending thread: it must be quick and must not block.
     */
    default boolean accepts(ChainEvent event) {
        return true;
    }

    /** {@code count} events were dropped here, between the previous event delivered and the next one. */
    default void onMissed(long count) {
    }

    /** The subscription ended (closed by the subscriber or the chain); no call follows. */
    default void onClosed() {
    }
}
