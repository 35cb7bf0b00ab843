package dev.theater.api.handler;

import dev.theater.api.TheaterException;

/** A handler could not be configured, linked, bound or started; the message names the actor and handler. */
public class HandlerException extends TheaterException {

    public HandlerException(String message) {
        super(message);
    }

    public HandlerException(String message, Throwable cause) {
        super(message, cause);
    }
}
