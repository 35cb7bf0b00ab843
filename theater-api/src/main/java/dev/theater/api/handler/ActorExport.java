package dev.theater.api.handler;

import dev.theater.api.wit.WitValue;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

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

    /**
     * As {@link #call(WitValue.TupleValue)}, but the call may be withdrawn while it waits: when its turn comes,
     * {@code stillWanted} is asked on the actor's thread right before the export would be called, and on
     * {@code false} the export is not called, nothing is recorded, and the future fails with an
     * {@link ActorCallException} of kind {@link ActorCallException.Kind#WITHDRAWN}. For work the actor may cancel
     * after it was queued (a timer cancelled while its firing waits in the mailbox). {@code stillWanted} must be
     * cheap and must not block; one that throws withdraws the call. The runtime asks at the call's turn; this
     * default, for test doubles, asks only when the call is queued.
     */
    default CompletableFuture<Optional<WitValue>> call(WitValue.TupleValue params, BooleanSupplier stillWanted) {
        if (!stillWanted.getAsBoolean()) {
            return CompletableFuture.failedFuture(ActorCallException.withdrawn(name()));
        }
        return call(params);
    }
}
