package dev.theater.chain;

/** Why verification stopped at an event. */
public enum FailureReason {
    /** The stored hash differs from SHA-256 of the event's canonical encoding. */
    HASH_MISMATCH,
    /** The event's parent hash is not the previous event's hash (or the first event has a parent). */
    BROKEN_PARENT_LINK,
    /** The record cannot be read: bad checksum, bad framing or a malformed encoding. */
    UNREADABLE_RECORD,
    /** The file ends inside a record (a write was cut short), or in zero bytes from a record boundary on: what a crash leaves. */
    TORN_TAIL,
    /** The file does not start with a valid chain header. */
    BAD_HEADER
}
