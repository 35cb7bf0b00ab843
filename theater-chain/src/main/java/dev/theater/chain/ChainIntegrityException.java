package dev.theater.chain;

import java.util.Objects;

/** A chain did not verify; {@link #failure()} pinpoints the first bad event. */
public final class ChainIntegrityException extends ChainException {
    private final transient ChainFailure failure;

    public ChainIntegrityException(String detail, ChainFailure failure) {
        super(detail);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** An integrity failure of actor {@code actorId}'s chain. */
    public ChainIntegrityException(String actorId, String detail, ChainFailure failure) {
        super(actorId, detail, null);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The first bad event. */
    public ChainFailure failure() {
        return failure;
    }
}
