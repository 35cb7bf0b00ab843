package dev.theater.core;

/** Where an actor is in its life. */
public enum ActorStatus {
    /** Handlers are being linked and {@code init} has not returned yet. */
    STARTING,
    /** Accepting calls. */
    RUNNING,
    /** Finishing its current call; queued calls are rejected. */
    STOPPING,
    /** Stopped on request (embedder, CLI, or the actor's own {@code runtime.shutdown}). */
    STOPPED,
    /** Stopped because a call trapped, timed out or hit a host failure; the chain records which. */
    FAILED
}
