package dev.theater.api.handler;

/**
 * One handler of one actor. The runtime drives it through these phases, in order: {@link #link} (host
 * functions), {@link #bindExports} (the actor exports it will call), {@link #start} (the actor runs), and
 * {@link #stop} (the actor stops). A handler that does not stop within the runtime's deadline is
 * interrupted, and that is recorded in the actor's chain.
 */
public interface Handler {

    /** Adds a host function for every function of the interfaces this handler imports. */
    default void link(HostLinker linker) {
    }

    /**
     * Resolves the actor exports this handler will call, typically with {@link ActorExports#require};
     * a required export that is missing fails the actor's start with an error naming it.
     */
    default void bindExports(ActorExports exports) {
    }

    /** The actor is running; start event loops here, each on its own (virtual) thread. */
    default void start(ActorHandle actor) {
    }

    /** Releases everything this handler owns: threads, sockets, files. Must return promptly when interrupted. */
    default void stop() {
    }
}
