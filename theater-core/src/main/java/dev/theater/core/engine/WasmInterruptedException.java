package dev.theater.core.engine;

import dev.theater.core.WasmTrapException;
/** A guest call stopped because its thread was interrupted. */
public class WasmInterruptedException extends WasmTrapException {

    public WasmInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
