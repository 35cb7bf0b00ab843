package dev.theater.chain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Selects events by type and time range. Immutable; start from {@link #all()}.
 *
 * @param type       the event type to keep, if any
 * @param typePrefix when true, {@code type} is a prefix ({@code theater:simple/} keeps every handler event)
 * @param fromMillis keep events at or after this time (ms since the epoch)
 * @param toMillis   keep events strictly before this time
 */
public record EventFilter(Optional<String> type, boolean typePrefix, long fromMillis, long toMillis)
        implements Predicate<ChainEvent> {

    public EventFilter {
        Objects.requireNonNull(type, "type");
        if (fromMillis > toMillis) {
            throw new IllegalArgumentException("time range is empty: from " + fromMillis + " is after to " + toMillis);
        }
    }

    /** Every event. */
    public static EventFilter all() {
        return new EventFilter(Optional.empty(), false, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Only events of exactly this type. */
    public EventFilter type(String eventType) {
        return new EventFilter(Optional.of(eventType), false, fromMillis, toMillis);
    }

    /** Only events whose type starts with this prefix. */
    public EventFilter typeStartingWith(String prefix) {
        return new EventFilter(Optional.of(prefix), true, fromMillis, toMillis);
    }

    /** Only events with {@code from <= timestamp < to}. */
    public EventFilter between(Instant from, Instant to) {
        return new EventFilter(type, typePrefix, from.toEpochMilli(), to.toEpochMilli());
    }

    /** Only events at or after {@code from}. */
    public EventFilter since(Instant from) {
        return new EventFilter(type, typePrefix, from.toEpochMilli(), toMillis);
    }

    @Override
    public boolean test(ChainEvent e) {
        if (e.timestamp() < fromMillis || e.timestamp() >= toMillis) {
            return false;
        }
        return type.isEmpty() || (typePrefix ? e.eventType().startsWith(type.get()) : e.eventType().equals(type.get()));
    }
}
