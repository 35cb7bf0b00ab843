package dev.theater.core.engine;

import dev.theater.core.EngineMode;
import dev.theater.core.WasmLoadException;
import dev.theater.core.CompileListener;
import dev.theater.core.engine.cache.ModuleCompiler;
import dev.theater.core.component.ComponentParser;
import dev.theater.core.component.ComponentPlan;
import dev.theater.core.io.RegularFiles;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The engine facade: the only place that knows the guest runs on Chicory. Each distinct module (by
 * SHA-256 of its bytes) is decoded, validated and, in {@link EngineMode#COMPILER} mode, compiled once;
 * every instance of it reuses that work.
 */
public final class Engine {

    /**
     * The largest module file {@link #load} reads: 256 MiB. Real actors are kilobytes to a few megabytes (the
     * largest guest here is 20 KiB; a Rust actor with a JSON library, a few MiB); the cap keeps a manifest that
     * names {@code /dev/zero} or a stray disk image from filling the heap, and is far above any module worth
     * compiling.
     */
    public static final int MAX_MODULE_BYTES = 256 << 20;

    private final EngineMode mode;
    private final MemoryBudget budget;
    private final ModuleCompiler compiler;
    private final ConcurrentMap<String, CompiledModule> cache = new ConcurrentHashMap<>();

    private Engine(EngineMode mode, MemoryBudget budget, ModuleCompiler compiler) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.compiler = Objects.requireNonNull(compiler, "compiler");
    }

    /** An engine whose instances share the default guest memory budget ({@link MemoryBudget#defaultForHeap()}). */
    public static Engine create(EngineMode mode) {
        return create(mode, MemoryBudget.defaultForHeap());
    }

    /** An engine whose instances' memory is charged to {@code budget}; it compiles without an on-disk cache. */
    public static Engine create(EngineMode mode, MemoryBudget budget) {
        return new Engine(mode, budget, ModuleCompiler.uncached(CompileListener.none()));
    }

    /** An engine that compiles (in {@link EngineMode#COMPILER} mode) with {@code compiler}, e.g. one with a disk cache. */
    public static Engine create(EngineMode mode, MemoryBudget budget, ModuleCompiler compiler) {
        return new Engine(mode, budget, compiler);
    }

    /** The compile step: its on-disk cache, if any, and its counters. */
    public ModuleCompiler compiler() {
        return compiler;
    }

    public EngineMode mode() {
        return mode;
    }

    /** The guest memory budget every instance of this engine's modules is charged to. */
    public MemoryBudget memoryBudget() {
        return budget;
    }

    /** A module file as last loaded: reused while its size and modification time stay the same. */
    private record LoadedFile(FileTime modified, long size, CompiledModule module) {}

    private final ConcurrentMap<Path, LoadedFile> files = new ConcurrentHashMap<>();

    /**
     * Reads and compiles a module file; errors name the file. Only a regular file of at most
     * {@link #MAX_MODULE_BYTES} is read (a FIFO or a device is refused, not opened). A file loaded before, with
     * the same size and modification time, is not read again (starting many actors from one file costs one stat
     * each).
     */
    public CompiledModule load(Path wasmFile) {
        Path key = wasmFile.toAbsolutePath().normalize();
        BasicFileAttributes attributes = null;
        try {
            attributes = Files.readAttributes(key, BasicFileAttributes.class);
            LoadedFile known = files.get(key);
            if (known != null && known.size() == attributes.size() && known.modified().equals(attributes.lastModifiedTime())
                    && known.module().sourceName().equals(wasmFile.toString())) {
                return known.module();
            }
        } catch (IOException e) {
            // not readable: reading it below reports the error with the file name
        }
        CompiledModule module = read(wasmFile);
        if (attributes != null) {
            files.put(key, new LoadedFile(attributes.lastModifiedTime(), attributes.size(), module));
        }
        return module;
    }

    private CompiledModule read(Path wasmFile) {
        byte[] bytes;
        try {
            bytes = RegularFiles.read(wasmFile, MAX_MODULE_BYTES);
        } catch (IOException e) {
            throw new WasmLoadException("cannot read wasm module " + wasmFile + ": " + RegularFiles.reason(e), e);
        }
        return compile(wasmFile.toString(), bytes);
    }

    /**
     * Decodes, validates and compiles {@code wasm}, or returns the module already compiled from the same
     * bytes. {@code sourceName} (a file name, say) appears in every error about this module.
     */
    public CompiledModule compile(String sourceName, byte[] wasm) {
        String sha256 = sha256(wasm);
        CompiledModule cached = cache.get(sha256);
        if (cached != null) {
            return cached.sourceName().equals(sourceName) ? cached : cached.withSourceName(sourceName);
        }
        if (ComponentParser.isComponent(wasm)) {
            // outside computeIfAbsent: a component compiles its core modules through this same cache
            CompiledModule component = buildComponent(sourceName, sha256, wasm);
            CompiledModule raced = cache.putIfAbsent(sha256, component);
            return raced == null ? component : raced.withSourceName(sourceName);
        }
        return cache.computeIfAbsent(sha256, key -> build(sourceName, key, wasm));
    }

    /** Parses a component and compiles each of its core modules (each cached by its own bytes, like any module). */
    private CompiledModule buildComponent(String sourceName, String sha256, byte[] wasm) {
        ComponentPlan plan = ComponentParser.parse(sourceName, wasm);
        List<CompiledModule> modules = new ArrayList<>();
        for (int i = 0; i < plan.coreModules().size(); i++) {
            byte[] core = plan.coreModules().get(i);
            if (ComponentParser.isComponent(core)) {
                throw new WasmLoadException(sourceName + ": core module " + i + " is a component", null);
            }
            modules.add(compile(sourceName + " (core module " + i + ")", core));
        }
        try {
            return new CompiledModule(sourceName, sha256, ComponentModule.of(sourceName, plan, modules), budget);
        } catch (RuntimeException e) {
            if (e instanceof WasmLoadException) {
                throw e;
            }
            throw new WasmLoadException("invalid component " + sourceName + ": " + reason(e), e);
        }
    }

    /** How many distinct modules this engine holds compiled. */
    public int cachedModules() {
        return cache.size();
    }

    private CompiledModule build(String sourceName, String sha256, byte[] wasm) {
        if (wasm.length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') {
            throw new WasmLoadException(sourceName + " is not a WebAssembly module (it does not start with \\0asm)", null);
        }
        if (wasm[4] != 1 || wasm[5] != 0 || wasm[6] != 0 || wasm[7] != 0) {
            throw new WasmLoadException(sourceName + " has an unknown WebAssembly binary version (bytes 4-7: "
                    + HexFormat.ofDelimiter(" ").formatHex(wasm, 4, 8) + "); a core module has 01 00 00 00, a component"
                    + " 0d 00 01 00", null);
        }
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError e) {
            throw new WasmLoadException("invalid WebAssembly module " + sourceName + ": " + reason(e), e);
        }
        Function<Instance, Machine> machines;
        try {
            machines = switch (mode) {
                case COMPILER -> compiler.compile(sourceName, sha256, module);
                case INTERPRETER -> InterpreterMachine::new;
            };
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError e) {
            throw new WasmLoadException("cannot compile WebAssembly module " + sourceName + ": " + reason(e), e);
        }
        try {
            return new CompiledModule(sourceName, sha256, module, machines, budget);
        } catch (RuntimeException e) { // an import or export whose type index the decoder let through
            throw new WasmLoadException("invalid WebAssembly module " + sourceName + ": " + reason(e), e);
        }
    }

    /**
     * What went wrong, for a message. Chicory's own exceptions say it; anything else is a decoder or compiler
     * bug that malformed input reached (an index out of bounds, a null, a negative array size: Chicory 1.7.5
     * throws these for about one mutated module in twelve; with {@code -ea}, also a failed {@code assert} in its
     * decoder), so it is named with its type.
     */
    private static String reason(Throwable e) {
        return switch (e) {
            case ChicoryException c when c.getMessage() != null -> c.getMessage();
            case StackOverflowError x -> "nested too deeply to process (stack overflow)";
            case OutOfMemoryError x -> "too large to process (out of memory)";
            default -> "malformed (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        };
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
