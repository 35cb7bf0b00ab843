package dev.theater.chain;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of verifying a chain.
 *
 * @param source     what was verified (a file path, "json", ...)
 * @param validCount how many events, from the first, verified
 * @param head       the hash of the last valid event, if any
 * @param failure    the first bad event, or empty when the whole chain verified
 */
public record VerificationReport(String source, long validCount, Optional<Hash> head, Optional<ChainFailure> failure) {
    public VerificationReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(failure, "failure");
    }

    /** True when every event verified. */
    public boolean valid() {
        return failure.isEmpty();
    }

    /** {@code <source>: 12 events verified} or {@code <source>: 3 events verified, then event 3 ...}. */
    public String describe() {
        return source + ": " + validCount + " events verified" + failure.map(f -> ", then " + f.describe()).orElse("");
    }

    /** Throws a {@link ChainIntegrityException} when the chain did not verify. */
    public VerificationReport orThrow() {
        if (failure.isPresent()) {
            throw new ChainIntegrityException(describe(), failure.get());
        }
        return this;
    }
}
