package dev.theater.chain;

import dev.theater.api.TheaterException;

/** Something went wrong with a chain: I/O, misuse, or a failed integrity check. */
public class ChainException extends TheaterException {
    public ChainException(String detail) {
        super(Phase.CHAIN, detail);
    }

    public ChainException(String detail, Throwable cause) {
        super(Phase.CHAIN, detail, cause);
    }

    /** An error about actor {@code actorId}'s chain. */
    public ChainException(String actorId, String detail, Throwable cause) {
        super(Phase.CHAIN, actorId, detail, cause);
    }
}
