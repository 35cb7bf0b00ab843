package dev.theater.core.abi.link;

import dev.theater.api.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * A host implementation of one WIT function: lifted arguments in, the result to lower out (empty for a
 * function without result). A runtime exception thrown here ends the guest call and reaches the caller of the export.
 */
@FunctionalInterface
public interface WitHostFunction {

    Optional<WitValue> call(WitCallContext context, List<WitValue> args);
}
