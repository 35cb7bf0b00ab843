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
     * Queues a call the caller can do without (a timer's firing): as {@link #call}, except that it never waits for
     * room (a full mailbox fails it at once with {@link ActorCallException.Kind#MAILBOX_FULL}, so the calling thread
     * never blocks), and that it is withdrawn if {@code stillWanted} says no when its turn comes: asked on the actor's
     * thread right before the export would be called, {@code false} means the export is not called, nothing is
     * recorded, and the future fails with kind {@link ActorCallException.Kind#WITHDRAWN}. {@code stillWanted} must be
     * cheap and must not block; one that throws withdraws the call. The runtime asks at the call's turn; this
     * default, for test doubles, asks only now and then calls {@link #call}.
     */
    default CompletableFuture<Optional<WitValue>> offer(WitValue.TupleValue params, BooleanSupplier stillWanted) {
        if (!stillWanted.getAsBoolean()) {
            return CompletableFuture.failedFuture(ActorCallException.withdrawn(name()));
        }
        return call(params);
    }
}
