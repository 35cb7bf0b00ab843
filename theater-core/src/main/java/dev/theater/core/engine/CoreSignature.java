package dev.theater.core.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A core WebAssembly function type, e.g. {@code (i32, i32) -> (i32)}. */
public record CoreSignature(List<CoreType> params, List<CoreType> results) {

    public CoreSignature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static CoreSignature of(List<CoreType> params, List<CoreType> results) {
        return new CoreSignature(params, results);
    }

    @Override
    public String toString() {
        return list(params) + " -> " + list(results);
    }

    private static String list(List<CoreType> types) {
        return types.stream().map(CoreType::wat).collect(Collectors.joining(", ", "(", ")"));
    }
}
