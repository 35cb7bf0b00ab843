package dev.theater.core.engine;

import dev.theater.api.TheaterException;

/** A module could not be read, decoded or validated; the message names its source. */
public class WasmLoadException extends TheaterException {

    public WasmLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
