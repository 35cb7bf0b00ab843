package dev.theater.core.engine;

/** A guest call stopped because its thread was interrupted. */
public class WasmInterruptedException extends WasmTrapException {

    public WasmInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
