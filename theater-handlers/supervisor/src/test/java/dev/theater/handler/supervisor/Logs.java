package dev.theater.handler.supervisor;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every {@code runtime.log} line of every actor of a Theater, children and restarts included, as they reach the
 * chains ({@code Theater.Builder.chainListeners(logs)}), with waits that fail naming what was awaited.
 */
final class Logs implements Function<String, Optional<ChainListener>> {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LOG = "theater:simple/runtime/log";

    private final Map<String, List<String>> lines = new HashMap<>(); // guarded by this

    @Override
    public Optional<ChainListener> apply(String actorId) {
        return Optional.of(new ChainListener() {
            @Override
            public boolean accepts(ChainEvent event) {
                return event.eventType().equals(LOG);
            }

            @Override
            public void onEvent(ChainEvent event) {
                JObject call = (JObject) JsonReader.parse(event.data());
                String msg = ((JString) ((JObject) call.get("args").orElseThrow()).get("msg").orElseThrow()).value();
                synchronized (Logs.this) {
                    lines.computeIfAbsent(actorId, id -> new ArrayList<>()).add(msg);
                    Logs.this.notifyAll();
                }
            }
        });
    }

    /** The lines {@code actorId} logged so far, oldest first. */
    synchronized List<String> of(String actorId) {
        return List.copyOf(lines.getOrDefault(actorId, List.of()));
    }

    /** Waits until {@code actorId} has logged {@code line} (again: counting {@code times} occurrences), returns its lines. */
    List<String> await(String actorId, String line) {
        return await(actorId, line, 1);
    }

    synchronized List<String> await(String actorId, String line, int times) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (of(actorId).stream().filter(line::equals).count() < times) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("actor '" + actorId + "' did not log '" + line + "' " + times
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

    /** Waits until {@code actorId} has logged a line starting with {@code prefix}, returns that line. */
    synchronized String awaitStartingWith(String actorId, String prefix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<String> found = of(actorId).stream().filter(l -> l.startsWith(prefix)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("actor '" + actorId + "' did not log a line starting '" + prefix + "' within "
                        + WAIT.toSeconds() + " s; it logged " + of(actorId));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
