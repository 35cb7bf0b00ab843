package dev.theater.core;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.MessageEndpoint;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainFailure;
import dev.theater.chain.ChainListener;
import dev.theater.chain.Subscription;
import dev.theater.core.runtime.Actor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** An embedder's handle on one actor. */
public final class ActorRef {

    /** The sender id messages from Java carry. */
    public static final String EMBEDDER = "embedder";

    private final Actor actor;
    private final Actors actors;

    ActorRef(Actor actor, Actors actors) {
        this.actor = actor;
        this.actors = actors;
    }

    Actor actor() {
        return actor;
    }

    public String id() {
        return actor.id();
    }

    public ActorStatus status() {
        return actor.status();
    }

    /** The actor that started this one as its child, if any. */
    public Optional<String> parent() {
        return actor.parentId();
    }

    /** This actor's children that have not ended, in the order they were started. */
    public List<String> children() {
        return actors.node(actor.id()).map(Actors.Node::children).orElse(List.of());
    }

    /** Why it stopped or failed; empty while it starts or runs. */
    public Optional<String> stopReason() {
        return actor.stopReason();
    }

    /**
     * Completes with the final status ({@link ActorStatus#STOPPED} or {@link ActorStatus#FAILED}) once the actor
     * has stopped, its handlers have stopped and its chain is closed: wait on this instead of polling the status.
     */
    public CompletableFuture<ActorStatus> stopped() {
        return actor.stopped();
    }

    /** The current state (JSON bytes), empty when it has none. */
    public Optional<byte[]> state() {
        return actor.handle().state();
    }

    /** Sends a one-way message to the actor's {@code handle-send}; completes when it has been handled. */
    public CompletableFuture<Void> send(byte[] message) {
        return endpoint().send(EMBEDDER, message.clone());
    }

    /** Sends a request to the actor's {@code handle-request}; completes with its response. */
    public CompletableFuture<byte[]> request(byte[] message) {
        return endpoint().request(EMBEDDER, message.clone());
    }

    private MessageEndpoint endpoint() {
        return actor.handler(MessageEndpoint.class).orElseThrow(() -> new TheaterException(TheaterException.Phase.RUNTIME,
                id(), "it has no handler that accepts messages; its manifest lists " + actor.handlerTypes()
                + "; add [[handlers]] type = \"message-server\"", null));
    }

    /**
     * What opening this actor's chain found and cut off: a torn tail a crash left, which is also recorded in the
     * chain as a {@code chain/torn-tail-cut} event. Empty when the chain was intact (or new).
     */
    public Optional<ChainFailure> chainRecovery() {
        return actor.chainRecovery();
    }

    /**
     * The index of the chain event whose state this actor was started from when it was started with {@link
     * StartOptions#resumeFromChain()} and its chain held a state; empty otherwise.
     */
    public Optional<Long> resumedFrom() {
        return actors.node(actor.id()).flatMap(n -> n.resumedFrom);
    }

    /** The chain so far. */
    public List<ChainEvent> chain() {
        return actor.chainEvents();
    }

    /** Subscribes to the actor's events from now on; a slow listener loses events and is told how many. */
    public Subscription subscribe(ChainListener listener) {
        return actor.subscribe(listener);
    }

    /** Stops the actor and waits until it has stopped. */
    public void stop() {
        actor.stop("stopped by the embedder");
    }
}
