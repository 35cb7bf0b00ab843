package dev.theater.core.runtime;

import dev.theater.api.handler.ActorEnd;

/**
 * What the runtime's registry of actors learns from an actor as it goes through its life, so the registry and the
 * actor's status always agree and the tree of parents and children is kept. Implemented by the runtime.
 */
public interface ActorLifecycle {

    /** The actor was made (it is STARTING): nothing of it runs yet. */
    void created(Actor actor);

    /** The actor's status became RUNNING; called under the actor's status lock. */
    void running(Actor actor);

    /** The actor left STARTING or RUNNING (for STOPPING or FAILED); called under the actor's status lock. */
    void leaving(Actor actor);

    /** The actor is about to stop: its children stop first, depth first, while it can still hear of them. */
    void stopChildren(Actor actor);

    /** The actor has stopped (handlers stopped, chain closed); {@code end} says how. */
    void ended(Actor actor, ActorEnd end);
}
