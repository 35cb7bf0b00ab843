package dev.theater.api.handler;

import java.util.List;
import java.util.Optional;

/** A handler's view of the actor it serves. */
public interface ActorHandle {

    String id();

    /** The actor's current state (JSON bytes), empty when it has none. */
    Optional<byte[]> state();

    /** The actor's chain so far. */
    List<ChainEntry> chain();

    /** How many events the actor's chain holds (cheap: nothing is read). */
    long chainLength();

    /** Whether the actor accepts calls: true while it runs, and already while it starts (init may message others). */
    boolean isRunning();

    /**
     * Records an event of this handler's own in the actor's chain, for what happens outside a host call
     * (a message arriving, a server starting). Host calls are recorded by the runtime already.
     *
     * @throws HandlerException when the actor's chain is closed (the actor has stopped)
     */
    void record(String eventType, EventData data);

    /** As {@link #record(String, EventData)}, with a one-line description for people reading the chain. */
    void record(String eventType, EventData data, String description);

    /** Asks the runtime to stop this actor (after the current call); {@code reason} is recorded. */
    void requestStop(String reason);

    /**
     * Asks the runtime to stop this actor because it exits on its own ({@code runtime.shutdown}): the reason is
     * recorded and {@code exitData} reaches its supervisor in full ({@link ActorEnd#exitData()}).
     */
    void requestExit(String reason, Optional<byte[]> exitData);
}
