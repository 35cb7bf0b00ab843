package dev.theater.api.handler;

import dev.theater.api.TheaterException;

/**
 * A handler could not be configured, linked, bound or started, or a provider was unusable. The message names
 * the handler type and, for configuration, the key and the manifest line; the runtime adds the actor.
 */
public class HandlerException extends TheaterException {

    public HandlerException(String detail) {
        super(Phase.HANDLER, detail);
    }

    public HandlerException(String detail, Throwable cause) {
        super(Phase.HANDLER, detail, cause);
    }
}
