package dev.theater.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of an actor's chain.
 *
 * @param hash        SHA-256 over the canonical encoding of every other field ({@link EventHashing})
 * @param parentHash  the previous event's hash; empty for the first event
 * @param eventType   what happened, e.g. {@code theater:simple/message-server-host/send}, {@code wasm}
 * @param data        the payload (JSON by convention); copied on the way in and out
 * @param timestamp   milliseconds since the epoch
 * @param description an optional human-readable line
 */
public record ChainEvent(Hash hash, Optional<Hash> parentHash, String eventType, byte[] data, long timestamp,
                         Optional<String> description) {

    public ChainEvent {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(description, "description");
        data = data.clone();
    }

    /**
     * Builds the event that follows {@code parent} (or starts a chain), computing its hash.
     */
    public static ChainEvent create(Optional<Hash> parent, String eventType, byte[] data, long timestamp,
                                    Optional<String> description) {
        Hash hash = EventHashing.hash(parent, eventType, data, timestamp, description);
        return new ChainEvent(hash, parent, eventType, data, timestamp, description);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The payload size in bytes, without copying it. */
    public int dataLength() {
        return data.length;
    }

    /** The payload decoded as UTF-8 (JSON by convention). */
    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** The timestamp as an instant. */
    public Instant time() {
        return Instant.ofEpochMilli(timestamp);
    }

    /** Recomputes the hash from the other fields; true when it equals {@link #hash()}. */
    public boolean hashIsValid() {
        return EventHashing.hash(parentHash, eventType, data, timestamp, description).equals(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainEvent e && hash.equals(e.hash) && parentHash.equals(e.parentHash)
                && eventType.equals(e.eventType) && Arrays.equals(data, e.data) && timestamp == e.timestamp
                && description.equals(e.description);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "ChainEvent[" + hash.hex().substring(0, Math.min(12, hash.hex().length())) + " " + eventType
                + " " + data.length + " bytes @" + timestamp + description.map(d -> " '" + d + "'").orElse("") + "]";
    }
}
