package dev.theater.core.engine;

/** A module could not be read, decoded or validated; the message names its source. */
public class WasmLoadException extends RuntimeException {

    public WasmLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
