package dev.theater.handler.httpclient;

/** A request the handler refuses or could not complete: the actor gets its message as an {@code err}. */
final class OutboundException extends RuntimeException {

    OutboundException(String message) {
        super(message, null, false, false);
    }
}
