package dev.theater.chain;

/** Something went wrong with a chain: I/O, misuse, or a failed integrity check. */
public class ChainException extends RuntimeException {
    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
