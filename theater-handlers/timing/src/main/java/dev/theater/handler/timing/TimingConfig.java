package dev.theater.handler.timing;

import dev.theater.api.handler.HandlerConfig;
import java.util.Optional;
import java.util.Set;

/**
 * The timing handler's configuration, checked at every call (the Rust original checked its two keys only when the
 * handler started). Every key is optional; an unknown key or a value out of range is an error naming the key and the
 * manifest line.
 *
 * @param maxSleepMs      {@code max_sleep_duration}: the longest {@code sleep}, and the longest wait of a {@code deadline}
 * @param minSleepMs      {@code min_sleep_duration}: the shortest {@code sleep} (0 allows {@code sleep(0)})
 * @param maxTimers       {@code max_timers}: how many timers one actor may have live at once (0: no timers)
 * @param minTimerPeriod  {@code min_timer_period}: the shortest period of {@code schedule-every}
 * @param maxTimerDelay   {@code max_timer_delay}: the longest delay of {@code schedule-once} and period of
 *                        {@code schedule-every}
 * @param maxTimerPayload {@code max_timer_payload}: the most bytes a timer's payload may have (each live timer holds
 *                        its payload until it ends)
 */
record TimingConfig(long maxSleepMs, long minSleepMs, long maxTimers, long minTimerPeriod, long maxTimerDelay,
                    long maxTimerPayload) {

    static final String MAX_SLEEP = "max_sleep_duration";
    static final String MIN_SLEEP = "min_sleep_duration";
    static final String MAX_TIMERS = "max_timers";
    static final String MIN_TIMER_PERIOD = "min_timer_period";
    static final String MAX_TIMER_DELAY = "max_timer_delay";
    static final String MAX_TIMER_PAYLOAD = "max_timer_payload";

    /** A day: the longest wait any key allows, as the runtime's own limits (a wait past a day is a hang). */
    static final long DAY_MS = 86_400_000;
    static final long MAX_TIMERS_LIMIT = 100_000;
    static final long PAYLOAD_LIMIT = 16 * 1024 * 1024;

    /** The Rust original's defaults for the two sleep keys (1 hour, 1 ms). */
    static final TimingConfig DEFAULTS = new TimingConfig(3_600_000, 1, 64, 1, DAY_MS, 65_536);

    static TimingConfig from(HandlerConfig config) {
        config.allowOnly(Set.of(MAX_SLEEP, MIN_SLEEP, MAX_TIMERS, MIN_TIMER_PERIOD, MAX_TIMER_DELAY, MAX_TIMER_PAYLOAD));
        long maxSleep = range(config, MAX_SLEEP, DEFAULTS.maxSleepMs(), 0, DAY_MS);
        long minSleep = range(config, MIN_SLEEP, Math.min(DEFAULTS.minSleepMs(), maxSleep), 0, maxSleep);
        long maxTimers = range(config, MAX_TIMERS, DEFAULTS.maxTimers(), 0, MAX_TIMERS_LIMIT);
        long minPeriod = range(config, MIN_TIMER_PERIOD, DEFAULTS.minTimerPeriod(), 1, DAY_MS);
        long maxDelay = range(config, MAX_TIMER_DELAY, Math.max(DEFAULTS.maxTimerDelay(), minPeriod), minPeriod, DAY_MS);
        long maxPayload = range(config, MAX_TIMER_PAYLOAD, DEFAULTS.maxTimerPayload(), 0, PAYLOAD_LIMIT);
        return new TimingConfig(maxSleep, minSleep, maxTimers, minPeriod, maxDelay, maxPayload);
    }

    private static long range(HandlerConfig config, String key, long defaultValue, long min, long max) {
        long value = config.integer(key).orElse(defaultValue);
        if (value < min || value > max) {
            String bound = switch (key) {
                case MIN_SLEEP -> " (at most " + MAX_SLEEP + ")";
                case MAX_TIMER_DELAY -> " (at least " + MIN_TIMER_PERIOD + ")";
                default -> "";
            };
            throw config.error(key, "must be within " + min + ".." + max + bound + ", found " + value);
        }
        return value;
    }

    /** Why {@code child} grants more than {@code parent} (a longer sleep, more timers, ...), or empty. */
    static Optional<String> widens(HandlerConfig parentConfig, HandlerConfig childConfig) {
        TimingConfig parent = from(parentConfig);
        TimingConfig child = from(childConfig);
        if (child.maxSleepMs > parent.maxSleepMs) {
            return Optional.of(childConfig.moreThanParent(MAX_SLEEP, child.maxSleepMs, parent.maxSleepMs));
        }
        if (child.minSleepMs < parent.minSleepMs) {
            return Optional.of(childConfig.lessThanParent(MIN_SLEEP, child.minSleepMs, parent.minSleepMs));
        }
        if (child.maxTimers > parent.maxTimers) {
            return Optional.of(childConfig.moreThanParent(MAX_TIMERS, child.maxTimers, parent.maxTimers));
        }
        if (child.minTimerPeriod < parent.minTimerPeriod) {
            return Optional.of(childConfig.lessThanParent(MIN_TIMER_PERIOD, child.minTimerPeriod, parent.minTimerPeriod));
        }
        if (child.maxTimerDelay > parent.maxTimerDelay) {
            return Optional.of(childConfig.moreThanParent(MAX_TIMER_DELAY, child.maxTimerDelay, parent.maxTimerDelay));
        }
        if (child.maxTimerPayload > parent.maxTimerPayload) {
            return Optional.of(childConfig.moreThanParent(MAX_TIMER_PAYLOAD, child.maxTimerPayload, parent.maxTimerPayload));
        }
        return Optional.empty();
    }
}
