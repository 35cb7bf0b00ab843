package dev.theater.core.engine.cache;

import dev.theater.core.CompileListener;
import dev.theater.core.CompileProgress;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * How far one compile is, as seen through the class collectors Chicory asks for (it has no progress hook): each
 * main collector starts an attempt; each collector asked for while the functions are being emitted starts a pass
 * (Chicory restarts the emission after moving a too-large function to the interpreter); each function group class
 * put adds its functions. The listener hears {@link CompileProgress.Stage#COMPILING} after each group, and from a
 * timer thread once a second while the compile runs (a group or a failing pass can take seconds).
 */
final class CompileTracker implements AutoCloseable {

    private static final long TICK_MILLIS = 1000;

    private final String source;
    private final int functions;
    private final CompileListener listener;
    private final long started = System.nanoTime();
    private final Thread ticker;
    private EmissionCollector current; // guarded by this, as the counts below
    private int pass;
    private int emitted;
    private boolean functionsDone;

    CompileTracker(String source, int functions, CompileListener listener) {
        this.source = source;
        this.functions = functions;
        this.listener = listener;
        this.ticker = Thread.ofPlatform().daemon().name("theater-compile-progress").unstarted(this::tick);
        ticker.start();
    }

    synchronized void collectorCreated(EmissionCollector collector) {
        if (!functionsDone) {
            pass++;
            emitted = 0;
            current = collector;
        }
    }

    /** The collector just created is a main one, not a pass: the compile (re)starts. */
    synchronized void attemptStarted() {
        functionsDone = false;
        pass = 0;
        emitted = 0;
        current = null;
    }

    /** A function group class was emitted: tells the listener at once (from the compiling thread). */
    void functionsEmitted(EmissionCollector collector, int count) {
        CompileProgress now;
        synchronized (this) {
            if (collector != current) {
                return;
            }
            emitted = Math.min(functions, emitted + count);
            now = snapshot();
        }
        tell(listener, now);
    }

    synchronized void functionsDone() {
        functionsDone = true;
        emitted = functions;
    }

    /** The emission passes so far (at least 1). */
    synchronized int pass() {
        return Math.max(1, pass);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private synchronized CompileProgress snapshot() {
        return new CompileProgress(source, CompileProgress.Stage.COMPILING, elapsed(), functions, emitted,
                Math.max(1, pass), Math.max(0, pass - 1), false);
    }

    private void tick() {
        try {
            while (true) {
                Thread.sleep(TICK_MILLIS);
                tell(listener, snapshot());
            }
        } catch (InterruptedException e) {
            // the compile has ended
        }
    }

    /** Sends one event; a listener's failure is logged, never passed on. */
    static void tell(CompileListener listener, CompileProgress progress) {
        try {
            listener.onProgress(progress);
        } catch (RuntimeException e) {
            CacheFolder.LOG.log(Level.DEBUG, "a compile listener failed on " + progress, e);
        }
    }

    @Override
    public void close() {
        ticker.interrupt();
        try {
            ticker.join(TICK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
