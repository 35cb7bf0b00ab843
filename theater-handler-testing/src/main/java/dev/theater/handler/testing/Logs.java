package dev.theater.handler.testing;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every {@code runtime.log} line of every actor of a Theater, children and restarts included, as it reaches the
 * chains ({@code Theater.Builder.chainListeners(logs)}), with waits that fail naming what was awaited. The waits are
 * guards against hanging, not timing assertions.
 */
public final class Logs implements Function<String, Optional<ChainListener>> {

    public static final Duration WAIT = Duration.ofSeconds(20);

    private final Map<String, List<String>> lines = new HashMap<>(); // guarded by this
    private final Map<String, Long> seen = new HashMap<>(); // events of any type that reached us, guarded by this

    @Override
    public Optional<ChainListener> apply(String actorId) {
        return Optional.of(new ChainListener() {
            @Override
            public void onMissed(long count) {
                synchronized (Logs.this) {
                    seen.merge(actorId, count, Long::sum); // a timer test's chain grows fast; lines may be lost, not counts
                    Logs.this.notifyAll();
                }
            }

            @Override
            public void onEvent(ChainEvent event) {
                if (!event.eventType().equals(ProbeCommands.LOG)) {
                    synchronized (Logs.this) {
                        seen.merge(actorId, 1L, Long::sum);
                        Logs.this.notifyAll();
                    }
                    return;
                }
                String msg = ProbeCommands.message(event);
                synchronized (Logs.this) {
                    lines.computeIfAbsent(actorId, id -> new ArrayList<>()).add(msg);
                    seen.merge(actorId, 1L, Long::sum);
                    Logs.this.notifyAll();
                }
            }
        });
    }

    /** Waits until the first {@code events} events of {@code actorId}'s chain have reached these logs. */
    public synchronized void awaitEvents(String actorId, long events) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.getOrDefault(actorId, 0L) < events) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the logs of actor '" + actorId + "' saw " + seen.getOrDefault(actorId, 0L)
                        + " of " + events + " events within " + WAIT.toSeconds() + " s");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The lines {@code actorId} logged so far, oldest first. */
    public synchronized List<String> of(String actorId) {
        return List.copyOf(lines.getOrDefault(actorId, List.of()));
    }

    /** Waits until {@code actorId} has logged {@code times} lines matching {@code what}; returns its lines. */
    public synchronized List<String> await(String actorId, String description, Predicate<String> what, int times) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (of(actorId).stream().filter(what).count() < times) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("actor '" + actorId + "' did not log " + description + " " + times
                        + " time(s) within " + WAIT.toSeconds() + " s; it logged " + of(actorId));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return of(actorId);
    }

    /** Waits until {@code actorId} has logged {@code line}; returns its lines. */
    public List<String> await(String actorId, String line) {
        return await(actorId, line, 1);
    }

    /** Waits until {@code actorId} has logged {@code line} {@code times} times (again, after a restart); returns its lines. */
    public List<String> await(String actorId, String line, int times) {
        return await(actorId, "'" + line + "'", line::equals, times);
    }

    /** Waits until {@code actorId} has logged a line starting with {@code prefix}; returns the first such line. */
    public String awaitStartingWith(String actorId, String prefix) {
        return await(actorId, "a line starting '" + prefix + "'", l -> l.startsWith(prefix), 1).stream()
                .filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** How many lines of {@code actorId} start with {@code prefix}. */
    public long count(String actorId, String prefix) {
        return of(actorId).stream().filter(l -> l.startsWith(prefix)).count();
    }
}
