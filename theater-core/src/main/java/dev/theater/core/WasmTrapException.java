package dev.theater.core;

import dev.theater.api.TheaterException;

/**
 * A guest trapped (unreachable, out-of-bounds access, stack exhaustion, ...), also while being instantiated;
 * the message names the module and the export.
 */
public class WasmTrapException extends TheaterException {

    public WasmTrapException(String detail) {
        super(Phase.CALL, detail);
    }

    public WasmTrapException(String detail, Throwable cause) {
        super(Phase.CALL, detail, cause);
    }
}
