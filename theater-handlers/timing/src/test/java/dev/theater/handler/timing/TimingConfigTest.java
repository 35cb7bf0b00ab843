package dev.theater.handler.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config keys: defaults, ranges, unknown keys, and what a child may not widen. */
class TimingConfigTest {

    private static HandlerConfig config(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new HandlerConfig("timing", values, "actor.toml:7");
    }

    @Test
    void theDefaults() {
        assertThat(TimingConfig.from(config())).isEqualTo(new TimingConfig(3_600_000, 1, 64, 1, 86_400_000, 65_536));
        assertThat(TimingConfig.from(config("max_sleep_duration", 0L)).minSleepMs()).isZero();
    }

    @Test
    void everyKeyIsRead() {
        assertThat(TimingConfig.from(config("max_sleep_duration", 500L, "min_sleep_duration", 2L, "max_timers", 7L,
                "min_timer_period", 10L, "max_timer_delay", 60_000L, "max_timer_payload", 100L)))
                .isEqualTo(new TimingConfig(500, 2, 7, 10, 60_000, 100));
    }

    @Test
    void anUnknownKeyIsAnErrorNamingItAndTheLine() {
        assertThatThrownBy(() -> TimingConfig.from(config("max_sleep", 5L))).isInstanceOf(HandlerException.class)
                .hasMessage("actor.toml:7: handler 'timing': config key 'max_sleep' is not a known key; the known keys"
                        + " are [max_sleep_duration, max_timer_delay, max_timer_payload, max_timers, min_sleep_duration,"
                        + " min_timer_period]");
    }

    @Test
    void valuesOutOfRangeAreErrors() {
        assertThatThrownBy(() -> TimingConfig.from(config("max_sleep_duration", 86_400_001L)))
                .hasMessage("actor.toml:7: handler 'timing': config key 'max_sleep_duration' must be within 0..86400000,"
                        + " found 86400001");
        assertThatThrownBy(() -> TimingConfig.from(config("max_sleep_duration", 10L, "min_sleep_duration", 11L)))
                .hasMessage("actor.toml:7: handler 'timing': config key 'min_sleep_duration' must be within 0..10 (at most"
                        + " max_sleep_duration), found 11");
        assertThatThrownBy(() -> TimingConfig.from(config("max_timers", -1L)))
                .hasMessage("actor.toml:7: handler 'timing': config key 'max_timers' must be within 0..100000, found -1");
        assertThatThrownBy(() -> TimingConfig.from(config("min_timer_period", 0L)))
                .hasMessage("actor.toml:7: handler 'timing': config key 'min_timer_period' must be within 1..86400000,"
                        + " found 0");
        assertThatThrownBy(() -> TimingConfig.from(config("min_timer_period", 100L, "max_timer_delay", 99L)))
                .hasMessage("actor.toml:7: handler 'timing': config key 'max_timer_delay' must be within 100..86400000"
                        + " (at least min_timer_period), found 99");
        assertThatThrownBy(() -> TimingConfig.from(config("max_timer_payload", 16_777_217L)))
                .hasMessage("actor.toml:7: handler 'timing': config key 'max_timer_payload' must be within 0..16777216,"
                        + " found 16777217");
        assertThatThrownBy(() -> TimingConfig.from(config("max_timers", "many")))
                .hasMessage("actor.toml:7: handler 'timing': config key 'max_timers' must be an integer, found string many");
    }

    @Test
    void aChildMayNotSleepLongerHoldMoreTimersOrTickFasterThanItsParent() {
        TimingHandlerProvider provider = new TimingHandlerProvider();
        HandlerConfig parent = config("max_sleep_duration", 1000L, "min_sleep_duration", 5L, "max_timers", 4L,
                "min_timer_period", 10L, "max_timer_delay", 5000L, "max_timer_payload", 100L);

        assertThat(provider.widens(parent, config("max_sleep_duration", 500L, "min_sleep_duration", 5L, "max_timers", 4L,
                "min_timer_period", 20L, "max_timer_delay", 5000L, "max_timer_payload", 10L))).isEmpty();
        assertThat(provider.widens(parent, config("max_sleep_duration", 1001L)))
                .contains("config key 'max_sleep_duration' = 1001 is more than the parent's 1000; set it to at most 1000");
        assertThat(provider.widens(parent, config("max_sleep_duration", 1000L, "min_sleep_duration", 4L)))
                .contains("config key 'min_sleep_duration' = 4 is less than the parent's 5; set it to at least 5");
        assertThat(provider.widens(parent, config("max_sleep_duration", 1000L, "min_sleep_duration", 5L)))
                .contains("config key 'max_timers' = 64 (the default) is more than the parent's 4; set it to at most 4");
        assertThat(provider.widens(parent, config("max_sleep_duration", 1000L, "min_sleep_duration", 5L, "max_timers", 4L)))
                .contains("config key 'min_timer_period' = 1 (the default) is less than the parent's 10; set it to at"
                        + " least 10");
        assertThat(provider.widens(parent, config("max_sleep_duration", 1000L, "min_sleep_duration", 5L, "max_timers", 4L,
                "min_timer_period", 10L, "max_timer_delay", 5001L)))
                .contains("config key 'max_timer_delay' = 5001 is more than the parent's 5000; set it to at most 5000");
        assertThat(provider.widens(parent, config("max_sleep_duration", 1000L, "min_sleep_duration", 5L, "max_timers", 4L,
                "min_timer_period", 10L, "max_timer_delay", 5000L, "max_timer_payload", 101L)))
                .contains("config key 'max_timer_payload' = 101 is more than the parent's 100; set it to at most 100");
        assertThat(provider.widens(config(), config())).isEmpty();
    }
}
