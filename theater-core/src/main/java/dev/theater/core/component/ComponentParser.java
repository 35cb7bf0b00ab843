package dev.theater.core.component;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitType;
import dev.theater.core.WasmLoadException;
import dev.theater.core.component.ComponentPlan.CanonOptions;
import dev.theater.core.component.ComponentPlan.CoreFunc;
import dev.theater.core.component.ComponentPlan.CoreInstance;
import dev.theater.core.component.ComponentPlan.CoreItem;
import dev.theater.core.component.ComponentPlan.CoreRef;
import dev.theater.core.component.ComponentPlan.ImportedInterface;
import dev.theater.core.component.ComponentPlan.Lifted;
import dev.theater.core.component.ComponentPlan.Lowered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a component binary (Component Model {@code Binary.md}, preamble {@code \0asm 0d 00 01 00}) into a
 * {@link ComponentPlan}. Index spaces are tracked as the spec defines them (imports, aliases, definitions and exports
 * each add to their sort's space) and evaluated symbolically: a nested component that only re-exports what it is
 * given (the "shim" components wit-component emits to export type names) is instantiated here, so each exported
 * function leads back to the core function it lifts.
 *
 * <p>Refused, with an error naming the feature and its offset: resources and handles, async functions, streams,
 * futures, error-context, threads, UTF-16 and Latin-1 string encodings, values, start functions, core type
 * definitions, imports that are not interfaces, nested components that hold core code.
 */
public final class ComponentParser {

    private static final int MAX_DEPTH = 32;
    /**
     * Types refer to earlier types, so a few bytes can describe a type that is exponentially large when written out
     * ({@code t1 = tuple<t0, t0>}, {@code t2 = tuple<t1, t1>} ...); everything that walks a type (checks, the ABI) would
     * then never finish. Real WIT types have tens to hundreds of nodes.
     */
    private static final long MAX_TYPE_NODES = 100_000;
    /** Each instantiation of a nested component reads it again; this bounds the total, as nesting can multiply it. */
    private static final int MAX_NESTED_INSTANTIATIONS = 10_000;

    private final String source;
    private final List<byte[]> coreModules = new ArrayList<>();
    private final List<CoreInstance> coreInstances = new ArrayList<>();
    private final List<Lowered> lowered = new ArrayList<>();
    private final Map<String, ImportedInterface> imports = new LinkedHashMap<>();
    private final Map<String, Map<String, Lifted>> exports = new LinkedHashMap<>();
    private String section = "preamble";
    private final Map<Object, Long> typeNodes = new java.util.IdentityHashMap<>();
    private int nestedInstantiations;

    private ComponentParser(String source) {
        this.source = source;
    }

    /** True if {@code wasm} starts with the preamble of a component (as opposed to a core module). */
    public static boolean isComponent(byte[] wasm) {
        return wasm.length >= 8 && wasm[0] == 0 && wasm[1] == 'a' && wasm[2] == 's' && wasm[3] == 'm'
                && wasm[4] == 0x0d && wasm[5] == 0 && wasm[6] == 1 && wasm[7] == 0;
    }

    /**
     * Parses {@code wasm}, a component; {@code sourceName} appears in every error.
     *
     * @throws WasmLoadException naming the file, the section and the byte offset of what is malformed or unsupported
     */
    public static ComponentPlan parse(String sourceName, byte[] wasm) {
        ComponentParser parser = new ComponentParser(sourceName);
        try {
            return parser.run(wasm);
        } catch (ComponentFormatException e) {
            throw new WasmLoadException(sourceName + ": component " + parser.section + " at offset 0x"
                    + Integer.toHexString(e.offset()) + ": " + e.getMessage(), null);
        } catch (StackOverflowError e) {
            throw new WasmLoadException(sourceName + ": component nested too deeply to process", null);
        }
    }

    private ComponentPlan run(byte[] wasm) {
        if (!isComponent(wasm)) {
            throw new ComponentFormatException(0, "not a component (a component starts with \\0asm 0d 00 01 00)");
        }
        Scope top = new Scope(null, null, 0);
        readSections(top, new ComponentReader(wasm, 8, wasm.length));
        for (Map.Entry<String, Object> e : top.exports.entrySet()) {
            exportTopLevel(e.getKey(), e.getValue());
        }
        Optional<CoreRef> memory = single("memory", p -> p.memory());
        Optional<CoreRef> realloc = single("realloc", p -> p.realloc());
        return new ComponentPlan(coreModules, coreInstances, lowered, imports, exports, memory, realloc);
    }

    /** The one memory (or realloc) all canon options use: the runtime gives a component one memory and one allocator. */
    private Optional<CoreRef> single(String what, java.util.function.Function<CanonOptions, Optional<CoreRef>> get) {
        List<CanonOptions> all = new ArrayList<>();
        lowered.forEach(l -> all.add(l.options()));
        exports.values().forEach(m -> m.values().forEach(l -> all.add(l.options())));
        Optional<CoreRef> found = Optional.empty();
        for (CanonOptions o : all) {
            Optional<CoreRef> ref = get.apply(o);
            if (ref.isPresent()) {
                if (found.isPresent() && !found.get().equals(ref.get())) {
                    throw new ComponentFormatException(0, "canon options name two different " + what + "s ("
                            + describe(found.get()) + " and " + describe(ref.get()) + "); one per component is supported");
                }
                found = ref;
            }
        }
        return found;
    }

    private static String describe(CoreRef r) {
        return "export '" + r.name() + "' of core instance " + r.instance();
    }

    private void exportTopLevel(String name, Object item) {
        section = "export '" + name + "'";
        if (item instanceof Instance.Exports inst) {
            Map<String, Lifted> functions = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : inst.items.entrySet()) {
                if (e.getValue() instanceof Func.LiftedFunc f) {
                    functions.put(e.getKey(), new Lifted(name, e.getKey(), rename(f.type, e.getKey()), f.core, f.options));
                } else if (e.getValue() instanceof Func) {
                    throw new ComponentFormatException(0, "function '" + e.getKey() + "' re-exports an imported function;"
                            + " only functions lifted from core code can be exported");
                }
            }
            exports.put(name, functions);
        } else if (item instanceof Func.LiftedFunc f) {
            exports.computeIfAbsent("", k -> new LinkedHashMap<>())
                    .put(name, new Lifted("", name, rename(f.type, name), f.core, f.options));
        } else if (item instanceof Func) {
            throw new ComponentFormatException(0, "re-exports an imported function; only lifted functions can be exported");
        }
        // exported types (and nested instances of types only) need nothing at run time
    }

    // ---- sections ------------------------------------------------------------------------------------------------

    private void readSections(Scope scope, ComponentReader r) {
        while (!r.atEnd()) {
            int at = r.offset();
            int id = r.u8();
            int size = r.count();
            ComponentReader body = r.slice(size);
            String saved = section;
            section = "section " + sectionName(id) + " (at 0x" + Integer.toHexString(at) + ")";
            switch (id) {
                case 0 -> { } // custom: names, producers; nothing that changes behaviour
                case 1 -> coreModule(scope, body, at);
                case 2 -> vec(body, () -> coreInstance(scope, body));
                case 3 -> throw unsupported(at, "core type definitions (module types)");
                case 4 -> scope.components.add(new Nested(scope, body));
                case 5 -> vec(body, () -> instance(scope, body));
                case 6 -> vec(body, () -> alias(scope, body));
                case 7 -> vec(body, () -> scope.types.add(defType(scope, body)));
                case 8 -> vec(body, () -> canon(scope, body));
                case 9 -> throw unsupported(at, "component start functions");
                case 10 -> vec(body, () -> importDecl(scope, body));
                case 11 -> vec(body, () -> export(scope, body));
                case 12 -> throw unsupported(at, "component values");
                default -> throw new ComponentFormatException(at, "unknown section id " + id);
            }
            if (id != 0 && id != 1 && id != 4) {
                body.expectEnd("the section");
            }
            section = saved;
        }
    }

    private static String sectionName(int id) {
        return switch (id) {
            case 0 -> "custom"; case 1 -> "core module"; case 2 -> "core instance"; case 3 -> "core type";
            case 4 -> "component"; case 5 -> "instance"; case 6 -> "alias"; case 7 -> "type"; case 8 -> "canon";
            case 9 -> "start"; case 10 -> "import"; case 11 -> "export"; case 12 -> "value";
            default -> "#" + id;
        };
    }

    private static void vec(ComponentReader r, Runnable each) {
        int n = r.count();
        for (int i = 0; i < n; i++) {
            each.run();
        }
    }

    private ComponentFormatException unsupported(int at, String feature) {
        return new ComponentFormatException(at, feature + " are not supported by this runtime");
    }

    private void coreModule(Scope scope, ComponentReader body, int at) {
        scope.requireTop(at, "a core module");
        scope.coreModules.add(coreModules.size());
        coreModules.add(body.copy(body.offset(), body.end()));
    }

    private void coreInstance(Scope scope, ComponentReader r) {
        int at = r.offset();
        scope.requireTop(at, "a core instance");
        int kind = r.u8();
        if (kind == 0x00) {
            int module = scope.coreModule(at, r.index());
            Map<String, Integer> args = new LinkedHashMap<>();
            vec(r, () -> {
                String name = r.name();
                int sortAt = r.offset();
                if (r.u8() != 0x12) {
                    throw new ComponentFormatException(sortAt, "core instantiate argument '" + name + "' is not an instance");
                }
                args.put(name, scope.coreInstance(sortAt, r.index()));
            });
            scope.coreInstances.add(coreInstances.size());
            coreInstances.add(new CoreInstance.Instantiate(module, args));
        } else if (kind == 0x01) {
            Map<String, CoreItem> items = new LinkedHashMap<>();
            vec(r, () -> {
                String name = r.name();
                int sortAt = r.offset();
                int sort = r.u8();
                items.put(name, scope.coreItem(sortAt, sort, r.index()));
            });
            scope.coreInstances.add(coreInstances.size());
            coreInstances.add(new CoreInstance.Inline(items));
        } else {
            throw new ComponentFormatException(at, "unknown core instance kind 0x" + Integer.toHexString(kind));
        }
    }

    private void instance(Scope scope, ComponentReader r) {
        int at = r.offset();
        int kind = r.u8();
        if (kind == 0x00) {
            Nested component = scope.component(at, r.index());
            Map<String, Object> args = new LinkedHashMap<>();
            vec(r, () -> {
                String name = r.name();
                int sortAt = r.offset();
                args.put(name, scope.item(sortAt, readSort(r), r.index()));
            });
            scope.instances.add(new Instance.Exports(instantiate(component, args, scope.depth + 1)));
        } else if (kind == 0x01) {
            Map<String, Object> items = new LinkedHashMap<>();
            vec(r, () -> {
                String name = exportName(r);
                int sortAt = r.offset();
                items.put(name, scope.item(sortAt, readSort(r), r.index()));
            });
            scope.instances.add(new Instance.Exports(items));
        } else {
            throw new ComponentFormatException(at, "unknown instance kind 0x" + Integer.toHexString(kind));
        }
    }

    /** Instantiates a nested component symbolically: its imports are {@code args}; the result is its exports. */
    private Map<String, Object> instantiate(Nested component, Map<String, Object> args, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ComponentFormatException(component.body.offset(), "components nested more than " + MAX_DEPTH + " deep");
        }
        if (++nestedInstantiations > MAX_NESTED_INSTANTIATIONS) {
            throw new ComponentFormatException(component.body.offset(), "more than " + MAX_NESTED_INSTANTIATIONS
                    + " nested component instantiations");
        }
        Scope inner = new Scope(component.parent, args, depth);
        ComponentReader body = component.body.fresh();
        int at = body.offset();
        int[] preamble = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};
        for (int b : preamble) {
            if (body.u8() != b) {
                throw new ComponentFormatException(at, "a nested component does not start with the component preamble");
            }
        }
        readSections(inner, body);
        return inner.exports;
    }

    /** A sort: component sorts, or {@code 0x00} followed by a core sort (returned as {@code 0x100 | coresort}). */
    private static int readSort(ComponentReader r) {
        int sort = r.u8();
        return sort == 0x00 ? 0x100 | r.u8() : sort;
    }

    private void alias(Scope scope, ComponentReader r) {
        int at = r.offset();
        int sort = readSort(r);
        int target = r.u8();
        switch (target) {
            case 0x00 -> { // export of a component instance
                Instance inst = scope.instance(at, r.index());
                String name = r.name();
                Object item = inst.export(at, name);
                scope.add(at, sort, item, name);
            }
            case 0x01 -> { // export of a core instance
                int coreInstance = scope.coreInstance(at, r.index());
                String name = r.name();
                scope.addCore(at, sort, coreExport(at, coreInstance, name, sort));
            }
            case 0x02 -> { // outer
                int count = r.u32();
                int index = r.index();
                Scope outer = scope;
                for (int i = 0; i < count; i++) {
                    outer = outer.parent;
                    if (outer == null) {
                        throw new ComponentFormatException(at, "outer alias reaches past the outermost component");
                    }
                }
                if (sort == 0x03) {
                    scope.types.add(outer.type(at, index));
                } else if (sort == 0x04) {
                    scope.components.add(outer.component(at, index));
                } else {
                    throw unsupported(at, "outer aliases of sort 0x" + Integer.toHexString(sort));
                }
            }
            default -> throw new ComponentFormatException(at, "unknown alias target 0x" + Integer.toHexString(target));
        }
    }

    /** A core instance's export as an item; an inline instance's export is the item it bundles. */
    private CoreItem coreExport(int at, int coreInstance, String name, int sort) {
        CoreInstance inst = coreInstances.get(coreInstance);
        if (inst instanceof CoreInstance.Inline inline) {
            CoreItem item = inline.exports().get(name);
            if (item == null) {
                throw new ComponentFormatException(at, "core instance " + coreInstance + " has no export '" + name + "'");
            }
            return item;
        }
        CoreRef ref = new CoreRef(coreInstance, name);
        return switch (sort) {
            case 0x100 -> new CoreItem.Func(new CoreFunc.Exported(ref));
            case 0x101 -> new CoreItem.Table(ref);
            case 0x102 -> new CoreItem.Memory(ref);
            case 0x103 -> new CoreItem.Global(ref);
            default -> throw unsupported(at, "aliases of core sort 0x" + Integer.toHexString(sort & 0xff));
        };
    }

    private void canon(Scope scope, ComponentReader r) {
        int at = r.offset();
        int op = r.u8();
        switch (op) {
            case 0x00 -> {
                expectByte(r, 0x00, "canon lift");
                CoreFunc core = scope.coreFunc(at, r.index());
                CanonOptions options = canonOptions(scope, r, "canon lift");
                Object type = scope.type(at, r.index());
                if (!(type instanceof WitFunction fn)) {
                    throw new ComponentFormatException(at, "canon lift names a type that is not a function type");
                }
                if (!(core instanceof CoreFunc.Exported exported)) {
                    throw unsupported(at, "lifts of lowered functions (component-internal adapters)");
                }
                scope.funcs.add(new Func.LiftedFunc(exported.ref(), options, fn));
            }
            case 0x01 -> {
                expectByte(r, 0x00, "canon lower");
                Object func = scope.func(at, r.index());
                CanonOptions options = canonOptions(scope, r, "canon lower");
                if (!(func instanceof Func.ImportedFunc imported)) {
                    throw unsupported(at, "lowers of functions the component defines itself (component-internal adapters)");
                }
                scope.coreFuncs.add(new CoreFunc.Lowered(lowered.size()));
                lowered.add(new Lowered(imported.instance, imported.name, imported.type, options));
            }
            case 0x02, 0x03, 0x04, 0x07 -> throw unsupported(at, "resources (canon resource.new/drop/rep)");
            default -> throw unsupported(at, "canon built-ins for async, tasks, streams, futures, error-context and threads"
                    + " (opcode 0x" + Integer.toHexString(op) + ")");
        }
    }

    private static void expectByte(ComponentReader r, int expected, String what) {
        int at = r.offset();
        int b = r.u8();
        if (b != expected) {
            throw new ComponentFormatException(at, what + ": expected 0x" + Integer.toHexString(expected) + ", found 0x"
                    + Integer.toHexString(b));
        }
    }

    private CanonOptions canonOptions(Scope scope, ComponentReader r, String what) {
        Optional<CoreRef>[] memory = new Optional[] {Optional.empty()};
        Optional<CoreRef>[] realloc = new Optional[] {Optional.empty()};
        Optional<CoreRef>[] post = new Optional[] {Optional.empty()};
        vec(r, () -> {
            int at = r.offset();
            int opt = r.u8();
            switch (opt) {
                case 0x00 -> { } // string-encoding=utf8, the default
                case 0x01 -> throw unsupported(at, what + " with string-encoding=utf16: UTF-16 strings");
                case 0x02 -> throw unsupported(at, what + " with string-encoding=latin1+utf16: Latin-1/UTF-16 strings");
                case 0x03 -> {
                    CoreItem item = scope.coreItem(at, 0x02, r.index());
                    memory[0] = Optional.of(((CoreItem.Memory) item).ref());
                }
                case 0x04 -> realloc[0] = Optional.of(exportedFunc(scope, at, r.index(), "realloc"));
                case 0x05 -> post[0] = Optional.of(exportedFunc(scope, at, r.index(), "post-return"));
                case 0x06 -> throw unsupported(at, what + " with the async option: async functions");
                case 0x07 -> throw unsupported(at, what + " with a callback: async functions");
                default -> throw unsupported(at, what + " option 0x" + Integer.toHexString(opt) + ": such canon options");
            }
        });
        return new CanonOptions(memory[0], realloc[0], post[0]);
    }

    private static CoreRef exportedFunc(Scope scope, int at, int index, String what) {
        CoreFunc f = scope.coreFunc(at, index);
        if (f instanceof CoreFunc.Exported e) {
            return e.ref();
        }
        throw new ComponentFormatException(at, "the " + what + " option names a lowered function, not core code");
    }

    private void importDecl(Scope scope, ComponentReader r) {
        int at = r.offset();
        String name = importName(r);
        int descAt = r.offset();
        int kind = r.u8();
        if (scope.args != null) { // a nested component: its imports are the instantiation's arguments
            Object arg = scope.args.get(name);
            if (arg == null) {
                throw new ComponentFormatException(at, "nested component import '" + name + "' has no argument");
            }
            skipExternDesc(r, kind, descAt);
            scope.add(at, externSort(kind, descAt), arg, name);
            return;
        }
        switch (kind) {
            case 0x05 -> {
                Object type = scope.type(descAt, r.index());
                if (!(type instanceof InstanceType it)) {
                    throw new ComponentFormatException(descAt, "import '" + name + "' names a type that is not an instance type");
                }
                Map<String, WitFunction> functions = new LinkedHashMap<>();
                it.exports.forEach((fn, t) -> {
                    if (t instanceof WitFunction f) {
                        functions.put(fn, rename(f, fn));
                    }
                });
                imports.put(name, new ImportedInterface(name, functions));
                scope.instances.add(new Instance.Imported(name, it));
            }
            case 0x03 -> {
                int bound = r.u8();
                if (bound != 0x00) {
                    throw unsupported(descAt, "imported resource types ('" + name + "')");
                }
                scope.types.add(named(scope.type(descAt, r.index()), name));
            }
            case 0x01 -> throw unsupported(at, "function imports outside an interface ('" + name
                    + "'): import functions through a WIT interface");
            case 0x00 -> throw unsupported(at, "core module imports ('" + name + "')");
            case 0x02 -> throw unsupported(at, "value imports ('" + name + "')");
            case 0x04 -> throw unsupported(at, "component imports ('" + name + "')");
            default -> throw new ComponentFormatException(descAt, "unknown import kind 0x" + Integer.toHexString(kind));
        }
    }

    private static int externSort(int kind, int at) {
        return switch (kind) {
            case 0x01 -> 0x01; case 0x03 -> 0x03; case 0x04 -> 0x04; case 0x05 -> 0x05;
            case 0x00 -> 0x111; case 0x02 -> 0x02;
            default -> throw new ComponentFormatException(at, "unknown extern kind 0x" + Integer.toHexString(kind));
        };
    }

    private static void skipExternDesc(ComponentReader r, int kind, int at) {
        switch (kind) {
            case 0x00 -> { r.u8(); r.index(); }
            case 0x01, 0x04, 0x05 -> r.index();
            case 0x02 -> throw new ComponentFormatException(at, "component values are not supported by this runtime");
            case 0x03 -> {
                if (r.u8() == 0x00) {
                    r.index();
                }
            }
            default -> throw new ComponentFormatException(at, "unknown extern kind 0x" + Integer.toHexString(kind));
        }
    }

    private void export(Scope scope, ComponentReader r) {
        int at = r.offset();
        String name = exportName(r);
        int sortAt = r.offset();
        int sort = readSort(r);
        Object item = scope.item(sortAt, sort, r.index());
        int hasType = r.u8();
        if (hasType == 0x01) {
            int descAt = r.offset();
            skipExternDesc(r, r.u8(), descAt); // the ascribed type; the item's own type is what the runtime checks
        } else if (hasType != 0x00) {
            throw new ComponentFormatException(at, "malformed export '" + name + "'");
        }
        scope.add(at, sort, item, name);
        scope.exports.put(name, item);
    }

    /** {@code importname'}: {@code 0x00 len name} or {@code 0x01 len name versionsuffix}. */
    private static String importName(ComponentReader r) {
        return exportName(r);
    }

    private static String exportName(ComponentReader r) {
        int at = r.offset();
        int kind = r.u8();
        if (kind == 0x00) {
            return r.name();
        }
        if (kind == 0x01) {
            String name = r.name();
            r.name(); // the version suffix: part of the name already for interfaces
            return name;
        }
        throw new ComponentFormatException(at, "unknown name kind 0x" + Integer.toHexString(kind));
    }

    // ---- types ---------------------------------------------------------------------------------------------------

    private Object defType(Scope scope, ComponentReader r) {
        int at = r.offset();
        int b = r.peek();
        switch (b) {
            case 0x40 -> {
                r.u8();
                return funcType(scope, r);
            }
            case 0x43 -> throw unsupported(at, "async function types");
            case 0x41 -> {
                r.u8();
                Scope decls = new Scope(scope, null, scope.depth + 1);
                checkDepth(at, decls);
                vec(r, () -> componentDecl(decls, r));
                return new OtherType("component type");
            }
            case 0x42 -> {
                r.u8();
                Scope decls = new Scope(scope, null, scope.depth + 1);
                checkDepth(at, decls);
                InstanceType type = new InstanceType();
                vec(r, () -> instanceDecl(decls, r, type));
                return type;
            }
            case 0x3f, 0x3e -> throw unsupported(at, "resource types");
            default -> {
                return valueType(scope, r);
            }
        }
    }

    private static void checkDepth(int at, Scope scope) {
        if (scope.depth > MAX_DEPTH) {
            throw new ComponentFormatException(at, "types nested more than " + MAX_DEPTH + " deep");
        }
    }

    private void componentDecl(Scope decls, ComponentReader r) {
        int at = r.offset();
        if (r.peek() == 0x03) {
            r.u8();
            importName(r);
            int descAt = r.offset();
            skipExternDesc(r, r.u8(), descAt);
            return;
        }
        instanceDecl(decls, r, new InstanceType());
        if (at == r.offset()) {
            throw new ComponentFormatException(at, "malformed component type");
        }
    }

    private void instanceDecl(Scope decls, ComponentReader r, InstanceType type) {
        int at = r.offset();
        int kind = r.u8();
        switch (kind) {
            case 0x00 -> throw unsupported(at, "core types inside instance types");
            case 0x01 -> decls.types.add(defType(decls, r));
            case 0x02 -> alias(decls, r);
            case 0x04 -> {
                String name = exportName(r);
                int descAt = r.offset();
                int desc = r.u8();
                switch (desc) {
                    case 0x01 -> {
                        Object t = decls.type(descAt, r.index());
                        if (!(t instanceof WitFunction)) {
                            throw new ComponentFormatException(descAt, "function '" + name + "' has a type that is not a function type");
                        }
                        type.exports.put(name, t);
                    }
                    case 0x03 -> {
                        int bound = r.u8();
                        if (bound != 0x00) {
                            throw unsupported(descAt, "resource types (in '" + name + "')");
                        }
                        Object t = named(decls.type(descAt, r.index()), name);
                        decls.types.add(t);
                        type.exports.put(name, t);
                    }
                    case 0x05 -> type.exports.put(name, decls.type(descAt, r.index()));
                    default -> throw unsupported(descAt, "instance type exports of kind 0x" + Integer.toHexString(desc)
                            + " ('" + name + "')");
                }
            }
            default -> throw new ComponentFormatException(at, "unknown instance type declaration 0x" + Integer.toHexString(kind));
        }
    }

    private WitFunction funcType(Scope scope, ComponentReader r) {
        List<WitFunction.Param> params = new ArrayList<>();
        vec(r, () -> {
            String name = r.name();
            params.add(new WitFunction.Param(name, valType(scope, r)));
        });
        int at = r.offset();
        int results = r.u8();
        Optional<WitType> result;
        if (results == 0x00) {
            result = Optional.of(valType(scope, r));
        } else if (results == 0x01) {
            expectByte(r, 0x00, "a function type's result list");
            result = Optional.empty();
        } else {
            throw new ComponentFormatException(at, "malformed function result list");
        }
        return new WitFunction("", params, result, "");
    }

    private WitType valType(Scope scope, ComponentReader r) {
        int at = r.offset();
        int b = r.peek();
        if (b >= 0x40 && b < 0x80) { // a negative single-byte s33: a primitive
            r.u8();
            return primitive(at, b);
        }
        Object t = scope.type(at, r.index());
        if (t instanceof WitType w) {
            return w;
        }
        throw new ComponentFormatException(at, "a value type names a type that is not a value type");
    }

    private WitType primitive(int at, int code) {
        return switch (code) {
            case 0x7f -> WitType.Primitive.BOOL; case 0x7e -> WitType.Primitive.S8; case 0x7d -> WitType.Primitive.U8;
            case 0x7c -> WitType.Primitive.S16; case 0x7b -> WitType.Primitive.U16; case 0x7a -> WitType.Primitive.S32;
            case 0x79 -> WitType.Primitive.U32; case 0x78 -> WitType.Primitive.S64; case 0x77 -> WitType.Primitive.U64;
            case 0x76 -> WitType.Primitive.F32; case 0x75 -> WitType.Primitive.F64; case 0x74 -> WitType.Primitive.CHAR;
            case 0x73 -> WitType.Primitive.STRING;
            case 0x64 -> throw unsupported(at, "error-context values");
            default -> throw new ComponentFormatException(at, "unknown primitive value type 0x" + Integer.toHexString(code));
        };
    }

    private WitType valueType(Scope scope, ComponentReader r) {
        int at = r.offset();
        WitType type = valueTypeBody(scope, r);
        long nodes = 1;
        for (WitType child : children(type)) {
            nodes += typeNodes.getOrDefault(child, 1L);
        }
        if (nodes > MAX_TYPE_NODES) {
            throw new ComponentFormatException(at, "a type that expands to more than " + MAX_TYPE_NODES + " nodes");
        }
        typeNodes.put(type, nodes);
        return type;
    }

    private static List<WitType> children(WitType t) {
        List<WitType> out = new ArrayList<>();
        switch (t) {
            case WitType.ListOf l -> out.add(l.element());
            case WitType.OptionOf o -> out.add(o.some());
            case WitType.Result res -> {
                res.ok().ifPresent(out::add);
                res.err().ifPresent(out::add);
            }
            case WitType.Tuple tu -> out.addAll(tu.elements());
            case WitType.Record rec -> rec.fields().forEach(f -> out.add(f.type()));
            case WitType.Variant v -> v.cases().forEach(c -> c.payload().ifPresent(out::add));
            default -> { }
        }
        return out;
    }

    private WitType valueTypeBody(Scope scope, ComponentReader r) {
        int at = r.offset();
        int code = r.u8();
        switch (code) {
            case 0x72 -> {
                List<WitType.Field> fields = new ArrayList<>();
                vec(r, () -> {
                    String name = r.name();
                    fields.add(new WitType.Field(name, valType(scope, r)));
                });
                if (fields.isEmpty()) {
                    throw new ComponentFormatException(at, "a record has no fields");
                }
                return new WitType.Record("record", fields);
            }
            case 0x71 -> {
                List<WitType.Case> cases = new ArrayList<>();
                vec(r, () -> {
                    String name = r.name();
                    Optional<WitType> payload = optionalValType(scope, r);
                    int refinesAt = r.offset();
                    if (r.u8() != 0x00) {
                        throw unsupported(refinesAt, "variant case refinements");
                    }
                    cases.add(new WitType.Case(name, payload));
                });
                if (cases.isEmpty()) {
                    throw new ComponentFormatException(at, "a variant has no cases");
                }
                return new WitType.Variant("variant", cases);
            }
            case 0x70 -> {
                return new WitType.ListOf(valType(scope, r));
            }
            case 0x67 -> throw unsupported(at, "fixed-size lists");
            case 0x6f -> {
                List<WitType> elements = new ArrayList<>();
                vec(r, () -> elements.add(valType(scope, r)));
                return new WitType.Tuple(elements);
            }
            case 0x6e -> {
                List<String> flags = labels(r);
                if (flags.isEmpty() || flags.size() > 32) {
                    throw new ComponentFormatException(at, "flags must have 1 to 32 names, not " + flags.size());
                }
                return new WitType.Flags("flags", flags);
            }
            case 0x6d -> {
                List<String> cases = labels(r);
                if (cases.isEmpty()) {
                    throw new ComponentFormatException(at, "an enum has no cases");
                }
                return new WitType.Enum("enum", cases);
            }
            case 0x6b -> {
                return new WitType.OptionOf(valType(scope, r));
            }
            case 0x6a -> {
                Optional<WitType> ok = optionalValType(scope, r);
                Optional<WitType> err = optionalValType(scope, r);
                return new WitType.Result(ok, err);
            }
            case 0x69, 0x68 -> throw unsupported(at, "resource handles (own/borrow)");
            case 0x66 -> throw unsupported(at, "streams");
            case 0x65 -> throw unsupported(at, "futures");
            default -> {
                if (code >= 0x64 && code <= 0x7f) {
                    return primitive(at, code);
                }
                throw new ComponentFormatException(at, "unknown type definition 0x" + Integer.toHexString(code));
            }
        }
    }

    private Optional<WitType> optionalValType(Scope scope, ComponentReader r) {
        int at = r.offset();
        int present = r.u8();
        if (present == 0x00) {
            return Optional.empty();
        }
        if (present == 0x01) {
            return Optional.of(valType(scope, r));
        }
        throw new ComponentFormatException(at, "malformed optional type");
    }

    private static List<String> labels(ComponentReader r) {
        List<String> labels = new ArrayList<>();
        vec(r, () -> labels.add(r.name()));
        return labels;
    }

    /** The type under an exported name: records, variants, enums and flags take the name (for messages). */
    private Object named(Object type, String name) {
        Object renamed = switch (type) {
            case WitType.Record rec -> new WitType.Record(name, rec.fields());
            case WitType.Variant v -> new WitType.Variant(name, v.cases());
            case WitType.Enum e -> new WitType.Enum(name, e.cases());
            case WitType.Flags f -> new WitType.Flags(name, f.flags());
            default -> type;
        };
        Long nodes = typeNodes.get(type);
        if (nodes != null) {
            typeNodes.put(renamed, nodes);
        }
        return renamed;
    }

    private static WitFunction rename(WitFunction f, String name) {
        return new WitFunction(name, f.params(), f.result(), "");
    }

    // ---- the symbolic model of one component's index spaces ------------------------------------------------------

    /** A component-level function. */
    private sealed interface Func {
        record ImportedFunc(String instance, String name, WitFunction type) implements Func {}

        record LiftedFunc(CoreRef core, CanonOptions options, WitFunction type) implements Func {}
    }

    private sealed interface Instance {
        Object export(int at, String name);

        record Imported(String name, InstanceType type) implements Instance {
            public Object export(int at, String fn) {
                Object t = type.exports.get(fn);
                if (t == null) {
                    throw new ComponentFormatException(at, "imported instance '" + name + "' has no export '" + fn + "'");
                }
                return t instanceof WitFunction f ? new Func.ImportedFunc(name, fn, rename(f, fn)) : t;
            }
        }

        record Exports(Map<String, Object> items) implements Instance {
            public Object export(int at, String name) {
                Object item = items.get(name);
                if (item == null) {
                    throw new ComponentFormatException(at, "instance has no export '" + name + "'; it has " + items.keySet());
                }
                return item;
            }
        }
    }

    private static final class InstanceType {
        final Map<String, Object> exports = new LinkedHashMap<>();
    }

    private record OtherType(String what) {}

    /** A nested component: its bytes and the scope its outer aliases see. */
    private record Nested(Scope parent, ComponentReader body) {}

    /** The index spaces of one component (or of one instance or component type's declarations). */
    private final class Scope {
        final Scope parent;
        final Map<String, Object> args; // null at the top level: imports come from the host
        final int depth;
        final List<Object> types = new ArrayList<>();
        final List<Object> funcs = new ArrayList<>();
        final List<Instance> instances = new ArrayList<>();
        final List<Nested> components = new ArrayList<>();
        final List<Integer> coreModules = new ArrayList<>();
        final List<Integer> coreInstances = new ArrayList<>();
        final List<CoreFunc> coreFuncs = new ArrayList<>();
        final List<CoreItem> coreMemories = new ArrayList<>();
        final List<CoreItem> coreTables = new ArrayList<>();
        final List<CoreItem> coreGlobals = new ArrayList<>();
        final Map<String, Object> exports = new LinkedHashMap<>();

        Scope(Scope parent, Map<String, Object> args, int depth) {
            this.parent = parent;
            this.args = args;
            this.depth = depth;
        }

        void requireTop(int at, String what) {
            if (depth > 0) {
                throw unsupported(at, what + " inside a nested component: nested components holding core code");
            }
        }

        private <T> T get(List<T> list, int at, int index, String what) {
            if (index < 0 || index >= list.size()) {
                throw new ComponentFormatException(at, what + " index " + index + " is out of range (" + list.size()
                        + " defined)");
            }
            return list.get(index);
        }

        Object type(int at, int i) {
            return get(types, at, i, "type");
        }

        Object func(int at, int i) {
            return get(funcs, at, i, "function");
        }

        Instance instance(int at, int i) {
            return get(instances, at, i, "instance");
        }

        Nested component(int at, int i) {
            return get(components, at, i, "component");
        }

        int coreModule(int at, int i) {
            return get(coreModules, at, i, "core module");
        }

        int coreInstance(int at, int i) {
            return get(coreInstances, at, i, "core instance");
        }

        CoreFunc coreFunc(int at, int i) {
            return get(coreFuncs, at, i, "core function");
        }

        CoreItem coreItem(int at, int coreSort, int i) {
            return switch (coreSort & 0xff) {
                case 0x00 -> new CoreItem.Func(coreFunc(at, i));
                case 0x01 -> get(coreTables, at, i, "core table");
                case 0x02 -> get(coreMemories, at, i, "core memory");
                case 0x03 -> get(coreGlobals, at, i, "core global");
                default -> throw unsupported(at, "core items of sort 0x" + Integer.toHexString(coreSort & 0xff));
            };
        }

        /** The item {@code index} of {@code sort} (component sorts, or 0x100 | core sort). */
        Object item(int at, int sort, int index) {
            return switch (sort) {
                case 0x01 -> func(at, index);
                case 0x03 -> type(at, index);
                case 0x04 -> component(at, index);
                case 0x05 -> instance(at, index);
                case 0x02 -> throw unsupported(at, "component values");
                case 0x100, 0x101, 0x102, 0x103 -> coreItem(at, sort, index);
                default -> throw unsupported(at, "items of sort 0x" + Integer.toHexString(sort));
            };
        }

        /** Adds {@code item} to the index space of {@code sort} (imports, aliases and exports each add one). */
        void add(int at, int sort, Object item, String name) {
            switch (sort) {
                case 0x01 -> {
                    requireKind(at, item instanceof Func, "function", name);
                    funcs.add(item);
                }
                case 0x03 -> types.add(named(item, name));
                case 0x04 -> {
                    requireKind(at, item instanceof Nested, "component", name);
                    components.add((Nested) item);
                }
                case 0x05 -> {
                    requireKind(at, item instanceof Instance, "instance", name);
                    instances.add((Instance) item);
                }
                case 0x100, 0x101, 0x102, 0x103 -> addCore(at, sort, (CoreItem) item);
                default -> throw unsupported(at, "items of sort 0x" + Integer.toHexString(sort) + " ('" + name + "')");
            }
        }

        private CoreItem requireCore(int at, CoreItem item, Class<? extends CoreItem> kind, String what) {
            if (!kind.isInstance(item)) {
                throw new ComponentFormatException(at, "a core " + what + " alias names something else");
            }
            return item;
        }

        private void requireKind(int at, boolean ok, String kind, String name) {
            if (!ok) {
                throw new ComponentFormatException(at, "'" + name + "' is not a " + kind);
            }
        }

        void addCore(int at, int sort, CoreItem item) {
            switch (sort) {
                case 0x100 -> {
                    if (!(item instanceof CoreItem.Func f)) {
                        throw new ComponentFormatException(at, "a core function alias names something else");
                    }
                    coreFuncs.add(f.func());
                }
                case 0x101 -> coreTables.add(requireCore(at, item, CoreItem.Table.class, "table"));
                case 0x102 -> coreMemories.add(requireCore(at, item, CoreItem.Memory.class, "memory"));
                case 0x103 -> coreGlobals.add(requireCore(at, item, CoreItem.Global.class, "global"));
                default -> throw unsupported(at, "core items of sort 0x" + Integer.toHexString(sort & 0xff));
            }
        }
    }
}
