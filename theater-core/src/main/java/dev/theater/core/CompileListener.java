package dev.theater.core;

/**
 * Told how module compiles go ({@link Theater.Builder#compileListener}); {@code theater run} prints it. Called
 * from the compiling thread and from a progress timer thread, so an implementation must be thread-safe and quick.
 * An exception it throws is ignored (logged at FINE): a listener cannot fail a compile.
 */
@FunctionalInterface
public interface CompileListener {

    void onProgress(CompileProgress progress);

    /** A listener that ignores every event (the default). */
    static CompileListener none() {
        return progress -> { };
    }
}
