package dev.theater.api.handler;

import dev.theater.api.wit.WitValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One state-threading export of an actor, {@code func(state: option<json>, params: tuple<P...>) ->
 * result<tuple<option<json> [, tuple<R...>]>, string>}. Calls go through the actor's mailbox, one at a
 * time, and are recorded in its chain.
 */
public interface ActorExport {

    /** The qualified export, e.g. {@code theater:simple/message-server-client#handle-send}. */
    String name();

    /**
     * Queues a call with {@code params} (the {@code tuple<P...>}); the actor's state is passed in and replaced
     * by the state the export returns. The future completes with the {@code tuple<R...>} part of the result
     * (empty for an export that returns only state), or fails with an {@link ActorCallException} when the
     * actor returns an error, traps, runs past its deadline, or is stopped.
     */
    CompletableFuture<Optional<WitValue>> call(WitValue.TupleValue params);
}
