package dev.theater.chain;

import dev.theater.api.TheaterException;

/** Something went wrong with a chain: I/O, misuse, or a failed integrity check. */
public class ChainException extends TheaterException {
    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
