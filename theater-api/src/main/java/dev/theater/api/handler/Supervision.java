package dev.theater.api.handler;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runtime's actor lifecycle, for the supervisor handler: start an actor as the child of another, stop it,
 * restart it under the same id, and be told when an actor ends and why. The runtime keeps the tree: every actor
 * knows its parent, a stopping or failing actor stops its children first (depth first), and closing the runtime
 * stops every tree bottom-up. Who may act on whom (only a parent on its own children) is the caller's rule.
 */
public interface Supervision {

    /**
     * Starts a child of {@code spec.parentId()} and returns it running ({@code init} returned ok). Its id is
     * {@code <parent id>.<manifest name>-<n>}, n counting the children of that name the parent has started (so
     * ids show whose child it is, never repeat, and are valid chain file names). The child's
     * manifest is confined to its parent: its paths resolve under the parent's manifest folder and may not leave
     * it, it may list only handler types the parent has, each with a config no wider than the parent's (as the
     * handler's provider judges, {@link HandlerProvider#widens}), and limits no larger than the parent's.
     *
     * @throws dev.theater.api.TheaterException naming the manifest (file and line), the key refused, or the
     *                                          child's failure to start
     */
    ActorHandle spawn(SpawnSpec spec);

    /** Stops {@code actorId} (its children first) and waits until it has stopped; its watchers learn it as STOPPED. */
    void stop(String actorId, String reason);

    /**
     * Restarts child {@code actorId} under the same id, from the same manifest: the current incarnation is stopped
     * if it still runs (its children first; its watchers learn it as RESTARTED), then a new one starts whose
     * {@code init} receives the last state of the one before. A child that exited or failed is kept for this until
     * it is {@linkplain #forget forgotten} or its parent ends. Returns the new incarnation.
     *
     * @throws dev.theater.api.TheaterException when the id is not a child, its parent is not running, or the new
     *                                          incarnation fails to start
     */
    ActorHandle restart(String actorId);

    /** A child that ended will not be restarted: the runtime keeps nothing more of it. */
    void forget(String actorId);

    /** Whether {@code actorId} is a child of {@code parentId} that exited or failed and is kept for a restart. */
    boolean isEndedChild(String actorId, String parentId);

    /** Fails {@code actorId} (status FAILED, its children stopped first) for {@code reason}; its watchers learn it. */
    void fail(String actorId, String reason);

    /**
     * Calls {@code onEnd} once, when the current incarnation of {@code actorId} has ended (stopped, exited, failed
     * or stopped to be restarted), on a thread of the runtime's; it must not block for long.
     */
    void watch(String actorId, Consumer<ActorEnd> onEnd);

    /** The running children of {@code parentId}, in the order they were started. */
    List<String> children(String parentId);

    /** The parent of {@code actorId}, empty for a top-level actor or an unknown id. */
    Optional<String> parent(String actorId);
}
