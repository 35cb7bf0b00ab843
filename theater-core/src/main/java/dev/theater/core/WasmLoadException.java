package dev.theater.core;

import dev.theater.api.TheaterException;

/** A module could not be read, decoded, validated or compiled; the message names its file. */
public class WasmLoadException extends TheaterException {

    public WasmLoadException(String detail, Throwable cause) {
        super(Phase.LOAD, detail, cause);
    }
}
