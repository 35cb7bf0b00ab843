package dev.theater.core.engine.cache;

/** A cache entry that must not be used; the message says why, as a clause ("it is truncated (12 bytes)"). */
final class DamagedEntryException extends Exception {

    DamagedEntryException(String reason) {
        super(reason, null, false, false);
    }
}
