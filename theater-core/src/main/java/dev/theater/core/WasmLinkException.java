package dev.theater.core;

import dev.theater.api.TheaterException;

/** A module's imports or exports do not fit what the host provides or expects; the message names both sides. */
public class WasmLinkException extends TheaterException {

    public WasmLinkException(String detail) {
        super(Phase.LINK, detail);
    }
}
