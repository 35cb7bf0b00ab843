package dev.theater.core.plugin;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one piece of a provider's code (its constructor, its {@code type()}/{@code imports()}/{@code witFiles()},
 * the parsing of its WIT) on a thread of its own and waits for it at most a deadline. Whatever the code throws,
 * {@link Error}s included ({@code StackOverflowError}, {@code ExceptionInInitializerError}, ...), comes back as
 * {@link Outcome.Threw}; code that never returns is abandoned: its thread is interrupted and left running.
 *
 * <p>The thread is a daemon platform thread, not a virtual one: an abandoned busy loop must not hold one of the
 * carrier threads that actors run on, nor keep the JVM from exiting.
 */
final class Bounded {

    /** What happened to the code. */
    sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> { }

        record Threw<T>(Throwable error) implements Outcome<T> { }

        record TimedOut<T>() implements Outcome<T> { }
    }

    private Bounded() {
    }

    /** Runs {@code work} on a new thread named {@code theater-provider <what>}; waits at most {@code deadline}. */
    static <T> Outcome<T> call(String what, Duration deadline, Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = Thread.ofPlatform().name("theater-provider " + what).daemon(true).unstarted(task);
        thread.start();
        try {
            return new Outcome.Done<>(task.get(deadline.toNanos(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            return new Outcome.Threw<>(e.getCause());
        } catch (TimeoutException e) {
            thread.interrupt();
            return new Outcome.TimedOut<>();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.interrupt();
            return new Outcome.Threw<>(e);
        }
    }

    /** {@code 10 s}, or {@code 250 ms} when not a whole number of seconds. */
    static String format(Duration deadline) {
        long millis = deadline.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
