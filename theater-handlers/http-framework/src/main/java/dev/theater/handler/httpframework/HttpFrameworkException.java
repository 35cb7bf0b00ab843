package dev.theater.handler.httpframework;

/** A refusal an http-framework host function returns to the actor as its {@code err} string. */
final class HttpFrameworkException extends RuntimeException {

    HttpFrameworkException(String message) {
        super(message, null, false, false);
    }
}
