package dev.theater.handler.filesystem;

/**
 * A filesystem operation that was refused or failed, for the {@code err} of a host call. The message names the
 * function, the path (quoted safely) and why.
 */
final class FsException extends RuntimeException {

    FsException(String message) {
        super(message, null, false, false);
    }
}
