package dev.theater.api.handler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A handler's configuration from the manifest: values are {@code String}, {@code Long}, {@code Double},
 * {@code Boolean}, {@code List} or {@code Map}. Getters fail with a {@link HandlerException} that names the
 * key, the handler type and where it was written (e.g. {@code manifest.toml:7}).
 *
 * @param handlerType the handler's type
 * @param values      the keys and values, in manifest order
 * @param source      where the entry was written, e.g. {@code actors/ping.toml:7}
 */
public record HandlerConfig(String handlerType, Map<String, Object> values, String source) {

    public HandlerConfig {
        Objects.requireNonNull(handlerType, "handlerType");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Objects.requireNonNull(source, "source");
    }

    public static HandlerConfig empty(String handlerType) {
        return new HandlerConfig(handlerType, Map.of(), "(no manifest)");
    }

    public Optional<String> string(String key) {
        return get(key, String.class, "a string");
    }

    public Optional<Long> integer(String key) {
        return get(key, Long.class, "an integer");
    }

    public Optional<Boolean> bool(String key) {
        return get(key, Boolean.class, "a boolean");
    }

    /** A positive integer, or {@code defaultValue} when absent. */
    public long positive(String key, long defaultValue) {
        long value = integer(key).orElse(defaultValue);
        if (value <= 0) {
            throw error(key, "must be a positive integer, found " + value);
        }
        return value;
    }

    /** Fails naming every key this handler does not know, so that a typo is not silently ignored. */
    public void allowOnly(Set<String> knownKeys) {
        for (String key : values.keySet()) {
            if (!knownKeys.contains(key)) {
                throw error(key, "is not a known key; the known keys are " + knownKeys.stream().sorted().toList());
            }
        }
    }

    /**
     * For {@link HandlerProvider#widens}, with this config the child's: the refusal of a cap {@code key} whose value
     * {@code asked} is above the parent's {@code parentValue} (one message for every handler).
     */
    public String moreThanParent(String key, long asked, long parentValue) {
        return widerThanParent(key, asked, "more", parentValue, "at most");
    }

    /** As {@link #moreThanParent}, for a floor (a minimum) whose value {@code asked} is below the parent's. */
    public String lessThanParent(String key, long asked, long parentValue) {
        return widerThanParent(key, asked, "less", parentValue, "at least");
    }

    private String widerThanParent(String key, long asked, String comparison, long parentValue, String bound) {
        return "config key '" + key + "' = " + asked + (values.containsKey(key) ? "" : " (the default)") + " is "
                + comparison + " than the parent's " + parentValue + "; set it to " + bound + " " + parentValue;
    }

    public HandlerException error(String key, String problem) {
        return new HandlerException(source + ": handler '" + handlerType + "': config key '" + key + "' " + problem);
    }

    private <T> Optional<T> get(String key, Class<T> type, String expected) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw error(key, "must be " + expected + ", found " + value.getClass().getSimpleName().toLowerCase() + " " + value);
        }
        return Optional.of(type.cast(value));
    }
}
