package dev.theater.api.handler;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of an actor's chain as handlers see it.
 *
 * @param hash        the event's SHA-256 hash
 * @param parentHash  the previous event's hash, empty for the first
 * @param eventType   e.g. {@code theater:simple/runtime/log}, {@code wasm}
 * @param data        the payload (JSON by convention)
 * @param timestamp   milliseconds since the epoch
 * @param description an optional human-readable line
 */
public record ChainEntry(byte[] hash, Optional<byte[]> parentHash, String eventType, byte[] data, long timestamp,
                         Optional<String> description) {

    public ChainEntry {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(description, "description");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainEntry e && Arrays.equals(hash, e.hash) && eventType.equals(e.eventType)
                && Arrays.equals(data, e.data) && timestamp == e.timestamp && description.equals(e.description)
                && parentHash.map(Arrays::hashCode).equals(e.parentHash.map(Arrays::hashCode));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }
}
