package dev.theater.handler.store;

/**
 * A store operation that did not happen, for the {@code err} of a host call: the message names the store, the
 * content ref or the label, and why. Nothing was changed when it is thrown.
 */
public final class StoreException extends RuntimeException {

    StoreException(String message) {
        super(message, null, false, false);
    }

    StoreException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
