package dev.theater.core.abi.link;

import dev.theater.api.wit.WitFunction;
import dev.theater.core.abi.FunctionAbi;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Function ABIs built once per WIT function (immutable, so shared by every linker and instance): building them
 * at every actor start cost a fifth of a start. The shared cache is bounded (functions come from the WIT the
 * runtime knows, so it fills only with unusual embedders); past the bound, each linker keeps its own.
 */
final class FunctionAbis {

    private static final int SHARED_MAX = 4096;
    private static final Map<WitFunction, FunctionAbi> SHARED = new ConcurrentHashMap<>();

    private final Map<WitFunction, FunctionAbi> own = new ConcurrentHashMap<>();

    FunctionAbi of(WitFunction function) {
        FunctionAbi abi = SHARED.get(function);
        if (abi != null) {
            return abi;
        }
        if (SHARED.size() < SHARED_MAX) {
            return SHARED.computeIfAbsent(function, FunctionAbi::of);
        }
        return own.computeIfAbsent(function, FunctionAbi::of);
    }
}
