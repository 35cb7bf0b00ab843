package dev.theater.api.handler;

import java.util.Objects;
import java.util.Optional;

/**
 * How one incarnation of an actor ended, as {@link Supervision#watch} reports it.
 *
 * @param actorId     the actor
 * @param cause       what ended it
 * @param reason      the recorded stop reason, e.g. {@code stopped by its parent} or the failure's message
 * @param exitData    for {@link Cause#EXITED}, the data the actor passed to {@code runtime.shutdown}, in full
 * @param failure     for {@link Cause#FAILED} by a call: how the call failed ({@code TRAP}, {@code TIMEOUT}, ...)
 * @param failedCall  for {@link Cause#FAILED} by a call: the export that failed, e.g.
 *                    {@code theater:simple/message-server-client#handle-send}
 * @param lastState   the actor's state when it ended (what a restart starts from)
 */
public record ActorEnd(String actorId, Cause cause, String reason, Optional<byte[]> exitData,
                       Optional<ActorCallException.Kind> failure, Optional<String> failedCall,
                       Optional<byte[]> lastState) {

    /** What ended an incarnation. */
    public enum Cause {
        /** Stopped from outside: by its parent, by the embedder, because its parent stopped, or the runtime closed. */
        STOPPED,
        /** It stopped itself with {@code runtime.shutdown}. */
        EXITED,
        /** A call trapped, ran past its deadline or failed in a host function, or it was failed on purpose. */
        FAILED,
        /** Stopped to be restarted under the same id ({@link Supervision#restart}). */
        RESTARTED
    }

    public ActorEnd {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(exitData, "exitData");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(failedCall, "failedCall");
        Objects.requireNonNull(lastState, "lastState");
    }
}
