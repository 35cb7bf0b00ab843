package dev.theater.chain;

import java.util.Objects;

/** A chain did not verify; {@link #failure()} pinpoints the first bad event. */
public final class ChainIntegrityException extends ChainException {
    private final transient ChainFailure failure;

    public ChainIntegrityException(String message, ChainFailure failure) {
        super(message);
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /** The first bad event. */
    public ChainFailure failure() {
        return failure;
    }
}
