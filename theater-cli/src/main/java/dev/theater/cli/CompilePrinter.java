package dev.theater.cli;

import dev.theater.core.CompileListener;
import dev.theater.core.CompileProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code theater run} prints to stderr about module compiles: nothing for one under a second; for a longer one
 * a progress line at most once a second, then how it ended (with the functions left to the interpreter, when any).
 * A slow load from the cache (over a second) is reported too.
 */
final class CompilePrinter implements CompileListener {

    private static final Duration QUIET = Duration.ofSeconds(1);

    private final PrintWriter err;
    private final Map<String, Duration> lastPrinted = new HashMap<>(); // guarded by this

    CompilePrinter(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void onProgress(CompileProgress p) {
        switch (p.stage()) {
            case COMPILING -> {
                Duration last = lastPrinted.get(p.module());
                if (p.elapsed().compareTo(QUIET) >= 0 && (last == null || p.elapsed().minus(last).compareTo(QUIET) >= 0)) {
                    lastPrinted.put(p.module(), p.elapsed());
                    print(line(p));
                }
            }
            case COMPILED, LOADED_FROM_CACHE -> {
                boolean shown = lastPrinted.remove(p.module()) != null;
                if (shown || p.elapsed().compareTo(QUIET) >= 0) {
                    print(line(p));
                }
            }
        }
    }

    private void print(String line) {
        err.println("theater: " + line);
        err.flush();
    }

    /** The line for one event, e.g. {@code compiling js.wasm: 2048 of 12681 functions (pass 3), 12 s}. */
    static String line(CompileProgress p) {
        String seconds = seconds(p.elapsed());
        return switch (p.stage()) {
            case COMPILING -> "compiling " + p.module() + ": " + p.functionsEmitted() + " of " + p.functions()
                    + " functions" + (p.pass() > 1 ? " (pass " + p.pass() + ": each earlier pass found a function too"
                    + " large to compile)" : "") + ", " + seconds;
            case COMPILED -> "compiled " + p.module() + " in " + seconds + interpreted(p)
                    + (p.cached() ? "; cached for the next start" : "");
            case LOADED_FROM_CACHE -> "loaded " + p.module() + " from the compile cache in " + seconds + interpreted(p);
        };
    }

    private static String interpreted(CompileProgress p) {
        return p.interpreted() == 0 ? "" : "; " + p.interpreted() + " of " + p.functions()
                + " functions run interpreted (too large to compile)";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
