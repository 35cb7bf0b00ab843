package dev.theater.core.abi.link;

import dev.theater.api.wit.WitFunction;
import dev.theater.core.abi.FunctionAbi;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Function ABIs built once per WIT function and shared by every instance of a linker. */
final class FunctionAbis {

    private final Map<WitFunction, FunctionAbi> abis = new ConcurrentHashMap<>();

    FunctionAbi of(WitFunction function) {
        return abis.computeIfAbsent(function, FunctionAbi::of);
    }
}
