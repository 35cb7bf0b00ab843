package dev.theater.testing.fuzz;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz try on a thread of its own with a time limit: what it returns or throws (an {@code Error} too) is
 * the outcome, and a try that takes longer fails as a hang. A hung try's thread is interrupted and left to die
 * (it is a daemon), so a hang costs the limit, not the build.
 */
public final class Within {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "fuzz-try");
        t.setDaemon(true);
        return t;
    });

    private Within() {}

    /** What a try returned, or what it threw. */
    public record Outcome<T>(Optional<T> value, Optional<Throwable> failure) {}

    /** Runs {@code task}; fails with an {@link AssertionError} naming {@code what} if it does not end within {@code limit}. */
    public static <T> Outcome<T> run(Duration limit, String what, Callable<T> task) {
        Future<T> future = THREADS.submit(task);
        try {
            return new Outcome<>(Optional.ofNullable(future.get(limit.toMillis(), TimeUnit.MILLISECONDS)), Optional.empty());
        } catch (ExecutionException e) {
            return new Outcome<>(Optional.empty(), Optional.of(e.getCause()));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + " did not finish within " + limit.toMillis() + " ms: it hangs");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }
}
