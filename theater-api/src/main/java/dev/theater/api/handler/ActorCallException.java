package dev.theater.api.handler;

import dev.theater.api.TheaterException;
import java.util.Objects;

/**
 * A call into an actor failed: it returned an error, trapped, ran past its deadline, was refused by a full
 * mailbox, the actor stopped, or its caller withdrew it. The message reads {@code actor '<id>': <export> <what happened>}.
 */
public class ActorCallException extends TheaterException {

    /** Why the call failed. */
    public enum Kind {
        ERROR_RESULT, TRAP, TIMEOUT, STOPPED, MAILBOX_FULL,
        /** The caller withdrew the call before it ran ({@link ActorExport#offer}): nothing ran, nothing was recorded. */
        WITHDRAWN
    }

    private final Kind kind;

    public ActorCallException(String actorId, Kind kind, String detail, Throwable cause) {
        super(Phase.CALL, actorId, detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Without an actor id yet: {@link #forActor} adds it. */
    private ActorCallException(Kind kind, String detail) {
        super(Phase.CALL, detail);
        this.kind = kind;
    }

    /** The failure of a call of {@code export} that its caller withdrew before it ran. */
    static ActorCallException withdrawn(String export) {
        return new ActorCallException(Kind.WITHDRAWN, export + " was withdrawn by its caller before it ran");
    }

    public Kind kind() {
        return kind;
    }
}
