package dev.theater.api.handler;

import dev.theater.api.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * A host implementation of one WIT function: lifted arguments in, the result to lower out (empty for a
 * function without result). Failures the guest should handle are WIT {@code result} values; an exception
 * thrown here is a host failure: it fails the actor's current call, and is recorded.
 */
@FunctionalInterface
public interface HostFunction {

    Optional<WitValue> call(List<WitValue> args);
}
