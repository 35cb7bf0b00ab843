package dev.theater.api.handler;

import dev.theater.api.TheaterException;

/** A call into an actor failed: it returned an error, trapped, ran past its deadline, or the actor stopped. */
public class ActorCallException extends TheaterException {

    /** Why the call failed. */
    public enum Kind { ERROR_RESULT, TRAP, TIMEOUT, STOPPED, MAILBOX_FULL }

    private final String actorId;
    private final Kind kind;

    public ActorCallException(String actorId, Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.actorId = actorId;
        this.kind = kind;
    }

    public String actorId() {
        return actorId;
    }

    public Kind kind() {
        return kind;
    }
}
