package dev.theater.api.handler;

import dev.theater.api.TheaterException;
import java.util.Objects;

/**
 * A call into an actor failed: it returned an error, trapped, ran past its deadline, was refused by a full
 * mailbox, or the actor stopped. The message reads {@code actor '<id>': <export> <what happened>}.
 */
public class ActorCallException extends TheaterException {

    /** Why the call failed. */
    public enum Kind { ERROR_RESULT, TRAP, TIMEOUT, STOPPED, MAILBOX_FULL }

    private final Kind kind;

    public ActorCallException(String actorId, Kind kind, String detail, Throwable cause) {
        super(Phase.CALL, actorId, detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
