package dev.theater.core;

import dev.theater.api.TheaterException;

/**
 * A value could not cross the canonical ABI: invalid guest data when lifting (a bad discriminant, a string that
 * is not UTF-8, an out-of-range pointer), or a host value that does not fit its WIT type when lowering.
 */
public class AbiException extends TheaterException {

    public AbiException(String detail) {
        super(Phase.CALL, detail);
    }

    public AbiException(String detail, Throwable cause) {
        super(Phase.CALL, detail, cause);
    }
}
