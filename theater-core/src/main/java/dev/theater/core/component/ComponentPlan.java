package dev.theater.core.component;

import dev.theater.api.wit.WitFunction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What running a component takes, read from its binary: the embedded core modules, the core instances to build
 * from them in order, the functions lowered from the component's imports (each becomes a host function) and the
 * functions lifted into its exported interfaces, with their canon options and WIT types.
 *
 * @param coreModules   the bytes of each embedded core module, by core module index
 * @param coreInstances the core instances in definition order (later ones use earlier ones)
 * @param lowered       every {@code canon lower}, by the id {@link CoreFunc.Lowered} carries
 * @param imports       the imported interfaces by import name (as written, version suffix included)
 * @param exports       export name (e.g. {@code theater:simple/actor}) to function name to its lifted function
 * @param memory        the one memory every canon option names, if any names one
 * @param realloc       the one {@code realloc} every canon option names, if any names one
 */
public record ComponentPlan(List<byte[]> coreModules, List<CoreInstance> coreInstances, List<Lowered> lowered,
                            Map<String, ImportedInterface> imports, Map<String, Map<String, Lifted>> exports,
                            Optional<CoreRef> memory, Optional<CoreRef> realloc) {

    public ComponentPlan {
        coreModules = List.copyOf(coreModules);
        coreInstances = List.copyOf(coreInstances);
        lowered = List.copyOf(lowered);
        imports = Map.copyOf(imports);
        exports = Map.copyOf(exports);
    }

    /** An export {@code name} of the core instance {@code instance}, which is an instantiated module (never inline). */
    public record CoreRef(int instance, String name) {}

    /** A core function: a core instance's export, or a function lowered from a component import. */
    public sealed interface CoreFunc {
        record Exported(CoreRef ref) implements CoreFunc {}

        record Lowered(int id) implements CoreFunc {}
    }

    /** One export of an inline core instance. */
    public sealed interface CoreItem {
        record Func(CoreFunc func) implements CoreItem {}

        record Memory(CoreRef ref) implements CoreItem {}

        record Table(CoreRef ref) implements CoreItem {}

        record Global(CoreRef ref) implements CoreItem {}
    }

    /** A core instance: a module instantiated with named argument instances, or a bundle of other instances' items. */
    public sealed interface CoreInstance {
        record Instantiate(int module, Map<String, Integer> args) implements CoreInstance {
            public Instantiate {
                args = Map.copyOf(args);
            }
        }

        record Inline(Map<String, CoreItem> exports) implements CoreInstance {
            public Inline {
                exports = Map.copyOf(exports);
            }
        }
    }

    /** {@code canon} options; the string encoding is always UTF-8 (others are refused by the parser). */
    public record CanonOptions(Optional<CoreRef> memory, Optional<CoreRef> realloc, Optional<CoreRef> postReturn) {}

    /** {@code canon lower} of function {@code function} of the imported interface {@code importName}. */
    public record Lowered(String importName, String function, WitFunction type, CanonOptions options) {}

    /** {@code canon lift} of the core function {@code core} as {@code function} of the exported interface. */
    public record Lifted(String exportName, String function, WitFunction type, CoreRef core, CanonOptions options) {}

    /** An imported interface and the functions the component uses from it, with their types. */
    public record ImportedInterface(String name, Map<String, WitFunction> functions) {
        public ImportedInterface {
            functions = Map.copyOf(functions);
        }
    }
}
