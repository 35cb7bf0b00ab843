package dev.theater.api.handler;

import dev.theater.api.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * What the chain records of a host call instead of its values as given, for values that must not be in a chain in
 * clear (an {@code Authorization} header, say): see {@link HostLinker#define(String, String, HostFunction, RecordedAs)}.
 * The function itself still gets and returns the real values. A replacement must have the same WIT type as what it
 * replaces; the chain payload rule applies to it as to any value.
 */
public interface RecordedAs {

    /** The arguments to record, given the arguments the guest passed. */
    List<WitValue> args(List<WitValue> args);

    /** The result to record, given the function's result (empty for a function without one). */
    default Optional<WitValue> result(Optional<WitValue> result) {
        return result;
    }
}
