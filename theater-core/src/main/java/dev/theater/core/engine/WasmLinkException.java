package dev.theater.core.engine;

/** A module's imports or exports do not fit what the host provides or expects; the message names both sides. */
public class WasmLinkException extends RuntimeException {

    public WasmLinkException(String message) {
        super(message);
    }
}
