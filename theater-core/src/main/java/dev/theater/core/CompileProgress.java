package dev.theater.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What the engine reports while it makes a module runnable in {@link EngineMode#COMPILER} mode: a compile in
 * progress (after each group of functions is emitted, and once a second from a timer while it runs), its end, or a
 * load from the compile cache. {@code theater run} prints compiles that take longer than a second, once a second.
 *
 * <p>How far a compile is along is only as fine as Chicory 1.7.5 lets one see: it emits the module's functions in
 * groups (one JVM class each), and whenever one function is too large for a JVM method it moves that function to the
 * interpreter and starts the emission over. So {@code pass} counts those emissions (1, then one more per
 * function moved to the interpreter; rarely one more when a class had to be split), and {@code functionsEmitted} is
 * how many functions the current pass has emitted, a whole group at a time.
 *
 * @param module           the module's source name (its file, as the manifest named it)
 * @param stage            what happened
 * @param elapsed          time since the compile (or the cache load) began
 * @param functions        the module's functions (imports not counted)
 * @param functionsEmitted functions emitted by the current pass so far ({@link Stage#COMPILING}); all of them after
 * @param pass             the current emission pass, from 1 (0 for a cache load)
 * @param interpreted      functions left to the interpreter because they are too large to compile: known only at
 *                         the end ({@link Stage#COMPILED}, {@link Stage#LOADED_FROM_CACHE}); during a compile, how
 *                         many the passes so far have found at least ({@code pass - 1})
 * @param cached           whether the compiled classes are (now) in the on-disk compile cache
 */
public record CompileProgress(String module, Stage stage, Duration elapsed, int functions, int functionsEmitted,
                              int pass, int interpreted, boolean cached) {

    public CompileProgress {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** What a {@link CompileProgress} reports. */
    public enum Stage {
        /** A compile is running: sent after each function group and once a second. */
        COMPILING,
        /** The compile has ended; its classes are loaded (and written to the cache unless it is off). */
        COMPILED,
        /** The compiled classes were read from the compile cache and loaded: no compile. */
        LOADED_FROM_CACHE
    }
}
