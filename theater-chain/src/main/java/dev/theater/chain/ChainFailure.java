package dev.theater.chain;

import java.util.Objects;
import java.util.Optional;

/**
 * The first bad event of a chain.
 *
 * @param index  the index of the bad event (0 = first); equal to the number of good events before it
 * @param offset the byte offset of its record in the file, or -1 when not read from a file
 * @param hash   the hash the bad event claims, when it could be read
 * @param reason why it is bad
 * @param detail a sentence saying what was found
 */
public record ChainFailure(long index, long offset, Optional<Hash> hash, FailureReason reason, String detail) {
    public ChainFailure {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** A one-line description: {@code event 3 at offset 412 (hash ab12...): HASH_MISMATCH: ...}. */
    public String describe() {
        return "event " + index + (offset >= 0 ? " at offset " + offset : "")
                + hash.map(h -> " (hash " + h.hex() + ")").orElse("") + ": " + reason + ": " + detail;
    }
}
