package dev.theater.handler.supervisor;

import dev.theater.api.handler.HandlerConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The supervisor handler's configuration: what happens to a child that ends, with Erlang/OTP's semantics.
 *
 * @param strategy       which children restart when one fails ({@code none}: notify only)
 * @param restart        which ends restart a child ({@code permanent}: failures and exits; {@code transient}:
 *                       failures only); a child stopped from outside never restarts
 * @param maxRestarts    at most this many automatic restarts within {@code windowMs}; one more fails the parent
 * @param windowMs       the intensity window
 * @param backoff        the delay before restarting the same child again
 * @param maxChildEvents the most events {@code get-child-events} returns (a longer chain is an {@code err})
 */
record SupervisorConfig(Strategy strategy, Restart restart, int maxRestarts, long windowMs, Backoff backoff,
                        int maxChildEvents) {

    /** Which children restart when one fails. */
    enum Strategy {
        /** None: the parent is told and decides (the Rust original's only behaviour). */
        NONE,
        /** The failed child alone. */
        ONE_FOR_ONE,
        /** Every child: the others are stopped and all are started again. */
        ONE_FOR_ALL,
        /** The failed child and the children started after it. */
        REST_FOR_ONE
    }

    /** Which ends restart a child. */
    enum Restart { PERMANENT, TRANSIENT }

    /**
     * The delay before the n-th restart of one child within the window: {@code initialMs * multiplier^(n-1)}, at
     * most {@code maxMs}; all zero for no delay.
     */
    record Backoff(long initialMs, long maxMs, double multiplier) {
        static final Backoff NONE = new Backoff(0, 0, 1);

        long delayMs(int restartsBefore) {
            if (initialMs == 0) {
                return 0;
            }
            double delay = initialMs * Math.pow(multiplier, restartsBefore);
            return (long) Math.min(maxMs, delay);
        }
    }

    static final String STRATEGY = "strategy";
    static final String RESTART = "restart";
    static final String MAX_RESTARTS = "max_restarts";
    static final String WINDOW_MS = "window_ms";
    static final String BACKOFF = "backoff";
    static final String MAX_CHILD_EVENTS = "max_child_events";

    static final SupervisorConfig DEFAULTS = new SupervisorConfig(Strategy.NONE, Restart.PERMANENT, 3, 5_000,
            Backoff.NONE, 10_000);

    static SupervisorConfig from(HandlerConfig config) {
        config.allowOnly(Set.of(STRATEGY, RESTART, MAX_RESTARTS, WINDOW_MS, BACKOFF, MAX_CHILD_EVENTS));
        Strategy strategy = choice(config, STRATEGY, Strategy.class, DEFAULTS.strategy());
        Restart restart = choice(config, RESTART, Restart.class, DEFAULTS.restart());
        long maxRestarts = config.integer(MAX_RESTARTS).orElse((long) DEFAULTS.maxRestarts());
        if (maxRestarts < 0 || maxRestarts > 1_000_000) {
            throw config.error(MAX_RESTARTS, "must be within 0..1000000, found " + maxRestarts);
        }
        long window = range(config, WINDOW_MS, config.integer(WINDOW_MS).orElse(DEFAULTS.windowMs()), 1, 86_400_000);
        long maxEvents = range(config, MAX_CHILD_EVENTS, config.integer(MAX_CHILD_EVENTS)
                .orElse((long) DEFAULTS.maxChildEvents()), 1, 1_000_000);
        return new SupervisorConfig(strategy, restart, (int) maxRestarts, window, backoff(config), (int) maxEvents);
    }

    private static <E extends Enum<E>> E choice(HandlerConfig config, String key, Class<E> type, E defaultValue) {
        String value = config.string(key).orElse(null);
        if (value == null) {
            return defaultValue;
        }
        for (E e : type.getEnumConstants()) {
            if (spelling(e).equals(value)) {
                return e;
            }
        }
        throw config.error(key, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(SupervisorConfig::spelling).toList() + ", found \"" + value + "\"");
    }

    /** {@code ONE_FOR_ONE} is written {@code one-for-one}. */
    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static long range(HandlerConfig config, String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw config.error(key, "must be within " + min + ".." + max + ", found " + value);
        }
        return value;
    }

    private static Backoff backoff(HandlerConfig config) {
        Object value = config.values().get(BACKOFF);
        if (value == null) {
            return Backoff.NONE;
        }
        if (!(value instanceof Map<?, ?> table)) {
            throw config.error(BACKOFF, "must be a table { initial_ms, max_ms, multiplier }, found " + value);
        }
        for (Object key : table.keySet()) {
            if (!Set.of("initial_ms", "max_ms", "multiplier").contains(key)) {
                throw config.error(BACKOFF + "." + key, "is not a known key; the known keys are [initial_ms, max_ms, multiplier]");
            }
        }
        long initial = longIn(config, table, "initial_ms", 100);
        long max = longIn(config, table, "max_ms", Math.max(initial, 30_000));
        double multiplier = table.get("multiplier") == null ? 2.0 : number(config, table.get("multiplier"));
        if (initial < 1 || initial > 86_400_000) {
            throw config.error(BACKOFF + ".initial_ms", "must be within 1..86400000, found " + initial);
        }
        if (max < initial || max > 86_400_000) {
            throw config.error(BACKOFF + ".max_ms", "must be within initial_ms (" + initial + ")..86400000, found " + max);
        }
        if (!(multiplier >= 1.0 && multiplier <= 100.0)) {
            throw config.error(BACKOFF + ".multiplier", "must be within 1.0..100.0, found " + multiplier);
        }
        return new Backoff(initial, max, multiplier);
    }

    private static long longIn(HandlerConfig config, Map<?, ?> table, String key, long defaultValue) {
        Object v = table.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Long n)) {
            throw config.error(BACKOFF + "." + key, "must be an integer, found " + v);
        }
        return n;
    }

    private static double number(HandlerConfig config, Object v) {
        return switch (v) {
            case Long n -> n;
            case Double d -> d;
            default -> throw config.error(BACKOFF + ".multiplier", "must be a number, found " + v);
        };
    }
}
