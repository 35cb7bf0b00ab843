package dev.theater.core.engine.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What compiling one module produced: its JVM classes (in the order they were emitted, the main class last) and the
 * functions the compiler left to the interpreter. This is the payload of a cache entry.
 *
 * @param source      the module's source name when it was compiled (for {@code theater cache info} only)
 * @param moduleSha256 hex SHA-256 of the module's bytes
 * @param functions   the module's defined functions (imports not counted)
 * @param interpreted indexes (in the function index space, imports included) of the functions run interpreted
 * @param mainClass   the machine class Chicory instantiates per instance
 * @param classes     class name to class file bytes, main class included
 */
record CompiledClasses(String source, String moduleSha256, int functions, List<Integer> interpreted, String mainClass,
                       Map<String, byte[]> classes) {

    CompiledClasses {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(moduleSha256, "moduleSha256");
        interpreted = List.copyOf(interpreted);
        Objects.requireNonNull(mainClass, "mainClass");
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        if (!classes.containsKey(mainClass)) {
            throw new IllegalArgumentException("the classes lack the main class " + mainClass);
        }
    }

    /** The total size of the class files, in bytes. */
    long classBytes() {
        return classes.values().stream().mapToLong(b -> b.length).sum();
    }
}
