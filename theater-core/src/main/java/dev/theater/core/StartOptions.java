package dev.theater.core;

import java.util.Objects;
import java.util.Optional;

/**
 * How to start one actor.
 *
 * @param id           the actor id; default the manifest's name
 * @param initialState the initial state (JSON bytes); default the manifest's {@code init_state}
 */
public record StartOptions(Optional<String> id, Optional<byte[]> initialState) {

    public StartOptions {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(initialState, "initialState");
    }

    public static StartOptions defaults() {
        return new StartOptions(Optional.empty(), Optional.empty());
    }

    public StartOptions withId(String newId) {
        return new StartOptions(Optional.of(newId), initialState);
    }

    public StartOptions withInitialState(byte[] state) {
        return new StartOptions(id, Optional.of(state.clone()));
    }
}
