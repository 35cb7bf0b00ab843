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
 * @param resume       start from the last state the actor's chain holds (see {@link #resumeFromChain()})
 */
public record StartOptions(Optional<String> id, Optional<byte[]> initialState, Optional<ChainListener> listener,
                           boolean resume) {

    public StartOptions {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(initialState, "initialState");
        Objects.requireNonNull(listener, "listener");
    }

    public static StartOptions defaults() {
        return new StartOptions(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public StartOptions withId(String newId) {
        return new StartOptions(Optional.of(newId), initialState, listener, resume);
    }

    public StartOptions withInitialState(byte[] state) {
        return new StartOptions(id, Optional.of(state.clone()), listener, resume);
    }

    public StartOptions withListener(ChainListener chainListener) {
        return new StartOptions(id, initialState, Optional.of(chainListener), resume);
    }

    /**
     * Starts the actor from the last state its chain holds: the state the last export call that returned ok
     * recorded (which may be no state). A chain with no such call (a new one) starts as without this option, from
     * {@link #initialState()} or the manifest's {@code init_state}. A last state that was recorded as its size and
     * SHA-256 (past the chain payload limit) fails the start, naming the event.
     */
    public StartOptions resumeFromChain() {
        return new StartOptions(id, initialState, listener, true);
    }
}
