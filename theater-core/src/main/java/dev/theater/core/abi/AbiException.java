package dev.theater.core.abi;

import dev.theater.api.TheaterException;

/** A value could not cross the canonical ABI: invalid guest data when lifting, or a wrong host value when lowering. */
public class AbiException extends TheaterException {

    public AbiException(String message) {
        super(message);
    }

    public AbiException(String message, Throwable cause) {
        super(message, cause);
    }
}
