package dev.theater.wit;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A WIT world: the shape of an actor, i.e. the interfaces (and free functions) it imports from handlers and the ones
 * it exports to them.
 *
 * @param name              the world name, e.g. {@code actor}
 * @param imports           imported interfaces, in declaration order (included worlds' imports follow)
 * @param exports           exported interfaces, in declaration order
 * @param importedFunctions functions imported directly by the world ({@code import f: func(...)})
 * @param exportedFunctions functions exported directly by the world
 * @param docs              the doc comment, empty if none
 */
public record WitWorld(String name, List<WitInterface> imports, List<WitInterface> exports,
                       Map<String, WitFunction> importedFunctions, Map<String, WitFunction> exportedFunctions,
                       String docs) {

    public WitWorld {
        Objects.requireNonNull(name, "name");
        imports = List.copyOf(imports);
        exports = List.copyOf(exports);
        importedFunctions = Collections.unmodifiableMap(new LinkedHashMap<>(importedFunctions));
        exportedFunctions = Collections.unmodifiableMap(new LinkedHashMap<>(exportedFunctions));
        Objects.requireNonNull(docs, "docs");
    }

    /** A world of interfaces only. */
    public WitWorld(String name, List<WitInterface> imports, List<WitInterface> exports, String docs) {
        this(name, imports, exports, Map.of(), Map.of(), docs);
    }

    /** The imported interface named {@code name}, if any. */
    public Optional<WitInterface> imported(String name) {
        return imports.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /** The exported interface named {@code name}, if any. */
    public Optional<WitInterface> exported(String name) {
        return exports.stream().filter(i -> i.name().equals(name)).findFirst();
    }
}
