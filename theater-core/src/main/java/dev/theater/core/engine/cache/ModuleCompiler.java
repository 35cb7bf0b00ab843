package dev.theater.core.engine.cache;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.internal.Compiler;
import com.dylibso.chicory.compiler.internal.CompilerResult;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import dev.theater.core.CompileListener;
import dev.theater.core.CompileProgress;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The engine's compile step in {@link dev.theater.core.EngineMode#COMPILER} mode: loads a module's classes from the
 * on-disk cache when a valid entry is there, else compiles it with Chicory's compiler and writes the entry. Either
 * way it reports the functions left to the interpreter (each at FINE, their count once at INFO) and tells the
 * {@link CompileListener} how it goes.
 *
 * <p>It drives Chicory's {@code compiler.internal.Compiler} (exported, but not Chicory's stable API) rather than the
 * public {@code MachineFactoryCompiler.builder(...).withCache(...)}: only the former returns the interpreted
 * functions and takes a class collector (the one progress hook there is); the public cache stores an unchecked jar
 * and returns none of it. The key includes the compiler's version, so a Chicory upgrade never meets old classes.
 */
public final class ModuleCompiler {

    /**
     * Functions per generated class. Chicory's default (12288) puts a whole module of that size in one class; as each
     * too-large function restarts the emission, a smaller group means restarts redo less, progress can be seen per
     * group, and the peak memory falls (measured: the 12 MB JavaScript actor compiles in 28 s instead of 47 s,
     * 2.3 GB resident instead of 5.1 GB). Part of {@link #OPTIONS}.
     */
    static final int FUNCTIONS_PER_CLASS = 1024;

    /** Every compile option Theater sets, as it enters the cache key. */
    static final String OPTIONS = "mode=COMPILER;interpreterFallback=SILENT;functionsPerClass=" + FUNCTIONS_PER_CLASS
            + ";className=" + Compiler.DEFAULT_CLASS_NAME;

    private final Optional<CacheFolder> cache;
    private final CompileListener listener;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger compiles = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();

    private ModuleCompiler(Optional<CacheFolder> cache, CompileListener listener) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Compiles every module, keeping nothing on disk. */
    public static ModuleCompiler uncached(CompileListener listener) {
        return new ModuleCompiler(Optional.empty(), listener);
    }

    /** Loads from and fills {@code cache}. */
    public static ModuleCompiler cached(CacheFolder cache, CompileListener listener) {
        return new ModuleCompiler(Optional.of(cache), listener);
    }

    public Optional<CacheFolder> cache() {
        return cache;
    }

    /** Modules loaded from the cache (without compiling) by this compiler. */
    public int hits() {
        return hits.get();
    }

    /** Modules this compiler compiled. */
    public int compiles() {
        return compiles.get();
    }

    /** Cache entries this compiler wrote. */
    public int writes() {
        return writes.get();
    }

    /**
     * The machine factory for {@code module}, whose bytes hash to {@code sha256}; {@code source} names it in logs and
     * events.
     *
     * @throws ChicoryException or another runtime exception if Chicory cannot compile it (the engine names the module)
     */
    public Function<Instance, Machine> compile(String source, String sha256, WasmModule module) {
        int functions = module.functionSection().functionCount();
        String key = CacheKey.of(sha256);
        if (cache.isPresent()) {
            long started = System.nanoTime();
            Optional<CompiledClasses> entry = cache.get().get(key, source);
            if (entry.isPresent()) {
                try {
                    Function<Instance, Machine> machines = MachineLoader.load(module, entry.get());
                    hits.incrementAndGet();
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    CacheFolder.LOG.log(Level.DEBUG, source + ": loaded from the compile cache ("
                            + cache.get().entryFile(key) + ") in " + took.toMillis() + " ms");
                    reportInterpreted(source, module, functions, entry.get().interpreted());
                    CompileTracker.tell(listener, new CompileProgress(source, CompileProgress.Stage.LOADED_FROM_CACHE,
                            took, functions, functions, 0, entry.get().interpreted().size(), true));
                    return machines;
                } catch (LinkageError | RuntimeException e) {
                    cache.get().discard(key, source, "its classes do not load: " + e);
                }
            }
        }
        return compileNow(source, sha256, key, module, functions);
    }

    private Function<Instance, Machine> compileNow(String source, String sha256, String key, WasmModule module,
                                                   int functions) {
        CompiledClasses classes;
        Duration took;
        int passes;
        try (CompileTracker tracker = new CompileTracker(source, functions, listener)) {
            CompilerResult result = Compiler.builder(module)
                    .withInterpreterFallback(InterpreterFallback.SILENT) // reported below, to logging
                    .withMaxFunctionsPerClass(FUNCTIONS_PER_CLASS)
                    .withClassCollectorFactory(() -> new EmissionCollector(tracker))
                    .build()
                    .compile();
            List<Integer> interpreted = result.interpretedFunctions().stream().sorted().toList();
            classes = new CompiledClasses(source, sha256, functions, interpreted, result.collector().mainClassName(),
                    result.classBytes());
            took = tracker.elapsed();
            passes = tracker.pass();
        }
        Function<Instance, Machine> machines;
        try {
            machines = MachineLoader.load(module, classes);
        } catch (LinkageError e) { // a compiler bug: reported like any other compile failure, naming the module
            throw new ChicoryException("the classes Chicory generated do not load: " + e, e);
        }
        compiles.incrementAndGet();
        boolean written = cache.isPresent() && cache.get().put(key, classes);
        if (written) {
            writes.incrementAndGet();
        }
        boolean cached = written || cache.isPresent() && Files.exists(cache.get().entryFile(key));
        CacheFolder.LOG.log(Level.DEBUG, source + ": compiled " + functions + " functions in " + took.toMillis() + " ms"
                + " (" + passes + " passes)" + (written ? ", cached as " + cache.get().entryFile(key) : ""));
        reportInterpreted(source, module, functions, classes.interpreted());
        CompileTracker.tell(listener, new CompileProgress(source, CompileProgress.Stage.COMPILED, took, functions,
                functions, passes, classes.interpreted().size(), cached));
        return machines;
    }

    /** Each interpreted function at FINE (DEBUG), and once per module how many there are, at INFO. */
    private static void reportInterpreted(String source, WasmModule module, int functions, List<Integer> interpreted) {
        if (interpreted.isEmpty()) {
            return;
        }
        for (int index : interpreted) {
            String name = module.nameSection() == null ? null : module.nameSection().nameOfFunction(index);
            CacheFolder.LOG.log(Level.DEBUG, source + ": using interpreted mode for WASM function " + index
                    + (name == null ? "" : " (" + name + ")") + ": too large for a JVM method");
        }
        CacheFolder.LOG.log(Level.INFO, source + ": " + interpreted.size() + " of " + functions + " functions run"
                + " interpreted (too large to compile)");
    }
}
