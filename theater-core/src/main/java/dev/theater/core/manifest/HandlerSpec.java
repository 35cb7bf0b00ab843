package dev.theater.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One handler an actor asks for: its {@code type} (checked later by the handler registry, which can
 * name {@link #line()} in its error) and its config as plain Java values: {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code java.time} values for TOML dates, and
 * unmodifiable {@code List}s and insertion-ordered {@code Map<String, Object>}s of these.
 *
 * @param type the handler type, e.g. {@code "filesystem"}
 * @param config the handler's settings, empty if none
 * @param line the 1-based line of the handler's table in the manifest
 */
public record HandlerSpec(String type, Map<String, Object> config, int line) {

    public HandlerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1-based, was " + line);
        }
    }
}
