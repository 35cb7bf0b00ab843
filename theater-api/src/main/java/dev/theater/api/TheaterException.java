package dev.theater.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The root of Theater's errors. Each carries the {@link Phase} it happened in and, once known, the id of the
 * actor it concerns; the message is made from those fields: {@code actor 'counter-1': <what went wrong>}.
 * Subclasses group errors further (manifest, WIT, link, handler, actor call, chain) and add fields of their own;
 * every message names the file, line, function or key involved.
 *
 * <p>A lower layer that does not know the actor (the engine, the ABI, the chain file) throws without one; the
 * runtime adds it with {@link #forActor} on the way out, so the caller catches the specific type with the
 * actor in it.
 */
public class TheaterException extends RuntimeException {

    /** What the runtime was doing when the error happened. */
    public enum Phase {
        /** Reading or checking an actor manifest. */
        MANIFEST,
        /** Parsing or resolving WIT. */
        WIT,
        /** Finding, loading or validating handler plugins and providers. */
        PLUGIN,
        /** Reading, decoding or compiling a wasm module. */
        LOAD,
        /** Binding a module's imports and exports to WIT functions and handlers. */
        LINK,
        /** Creating, configuring, starting or stopping a handler. */
        HANDLER,
        /** A call into an actor, or a host call it made. */
        CALL,
        /** Reading, writing, verifying, exporting or importing a chain. */
        CHAIN,
        /** The runtime's own state: closed, an id already taken, a bad argument from the embedder. */
        RUNTIME
    }

    private final Phase phase;
    private final String detail;
    private volatile String actorId;

    public TheaterException(Phase phase, String detail) {
        this(phase, detail, null);
    }

    public TheaterException(Phase phase, String detail, Throwable cause) {
        super(detail, cause);
        this.phase = Objects.requireNonNull(phase, "phase");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** An error about actor {@code actorId}. */
    public TheaterException(Phase phase, String actorId, String detail, Throwable cause) {
        this(phase, detail, cause);
        this.actorId = Objects.requireNonNull(actorId, "actorId");
    }

    public Phase phase() {
        return phase;
    }

    /** The actor this error concerns, when there is one. */
    public Optional<String> actorId() {
        return Optional.ofNullable(actorId);
    }

    /**
     * Ties this error to actor {@code id} unless it already names one (the innermost actor wins); returns
     * this, so a layer that knows the actor can write {@code throw e.forActor(id)}.
     */
    public TheaterException forActor(String id) {
        Objects.requireNonNull(id, "id");
        if (actorId == null) {
            actorId = id;
        }
        return this;
    }

    /** What went wrong, without the actor: the subclass's fields (file and line, say) and the detail. */
    public String describe() {
        return detail;
    }

    @Override
    public final String getMessage() {
        String id = actorId;
        return id == null ? describe() : "actor '" + id + "': " + describe();
    }
}
