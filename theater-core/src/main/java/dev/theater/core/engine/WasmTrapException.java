package dev.theater.core.engine;

import dev.theater.api.TheaterException;

/** A guest trapped (unreachable, out-of-bounds access, stack exhaustion, ...) or was interrupted. */
public class WasmTrapException extends TheaterException {

    public WasmTrapException(String message) {
        super(message);
    }

    public WasmTrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
