package dev.theater.api.wit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A WIT interface with its types and functions resolved.
 *
 * @param packageName the package id without version, e.g. {@code theater:simple}
 * @param version     the package version, e.g. {@code 0.1.0}, empty if unversioned
 * @param name        the interface name, e.g. {@code runtime}
 * @param types       the types it defines or uses, by WIT name, in declaration order
 * @param functions   its functions by WIT name, in declaration order
 * @param docs        the doc comment, empty if none
 */
public record WitInterface(String packageName, Optional<String> version, String name,
                           Map<String, WitType> types, Map<String, WitFunction> functions, String docs) {

    public WitInterface {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
        functions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        Objects.requireNonNull(docs, "docs");
    }

    /** The qualified name used as a core-module import name, e.g. {@code theater:simple/runtime}. */
    public String qualifiedName() {
        return packageName + "/" + name;
    }

    public Optional<WitFunction> function(String functionName) {
        return Optional.ofNullable(functions.get(functionName));
    }
}
