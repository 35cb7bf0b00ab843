package dev.theater.core;

import dev.theater.chain.ChainListener;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start one actor.
 *
 * @param id           the actor id; default the manifest's name
 * @param initialState the initial state (JSON bytes); default the manifest's {@code init_state}
 * @param listener     subscribed to the actor's chain before its first event, so it sees the whole start
 */
public record StartOptions(Optional<String> id, Optional<byte[]> initialState, Optional<ChainListener> listener) {

    public StartOptions {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(listener, "listener");
    }

    public static StartOptions defaults() {
        return new StartOptions(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public StartOptions withId(String newId) {
        return new StartOptions(Optional.of(newId), initialState, listener);
    }

    public StartOptions withInitialState(byte[] state) {
        return new StartOptions(id, Optional.of(state.clone()), listener);
    }

    public StartOptions withListener(ChainListener chainListener) {
        return new StartOptions(id, initialState, Optional.of(chainListener));
    }
}
