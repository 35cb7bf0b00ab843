package dev.theater.api;

/**
 * The root of Theater's errors. Subclasses group them by phase (manifest, link, handler, actor call,
 * chain integrity); every message names the actor, file, function or key involved.
 */
public class TheaterException extends RuntimeException {

    public TheaterException(String message) {
        super(message);
    }

    public TheaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
