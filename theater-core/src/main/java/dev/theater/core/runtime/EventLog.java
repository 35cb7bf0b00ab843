package dev.theater.core.runtime;

/** Where an actor's runtime records chain events; appending only hashes and enqueues. */
@FunctionalInterface
interface EventLog {

    /** Appends an event; {@code description} may be null. */
    void append(String eventType, byte[] data, String description);
}
