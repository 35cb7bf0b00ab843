package dev.theater.api.handler;

/**
 * One handler of one actor. The runtime drives it through these phases, in order: {@link #link} (host
 * functions), {@link #bindExports} (the actor exports it will call), {@link #start} (the actor runs),
 * {@link #stopping} (a stop has begun) and {@link #stop} (the actor stops). A handler that does not stop within
 * the runtime's deadline is interrupted, and that is recorded in the actor's chain.
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

    /**
     * The actor has begun to stop (stopped, failed or restarted): it takes no new calls, and the call running now,
     * if any, is about to be waited for. A host function of this handler that is blocked now (a {@code sleep}, say)
     * should return at once, so that the stop does not wait for it; work this handler would queue for the actor
     * (a timer) can end here. Called once, before {@link #stop}, on the thread that stops the actor, possibly while
     * the actor's own thread is inside one of this handler's host functions; it must not block. The default does
     * nothing: a blocked host call is then interrupted once the handler stop deadline has passed.
     */
    default void stopping() {
    }

    /** Releases everything this handler owns: threads, sockets, files. Must return promptly when interrupted. */
    default void stop() {
    }
}
