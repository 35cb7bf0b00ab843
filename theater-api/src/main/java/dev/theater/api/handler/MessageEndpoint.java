package dev.theater.api.handler;

import java.util.concurrent.CompletableFuture;

/**
 * Implemented by a handler that accepts messages from outside the actor system (an embedding
 * application, the CLI): the runtime routes {@code send} and {@code request} from Java through it.
 */
public interface MessageEndpoint {

    /** Delivers a one-way message; completes when the actor has handled it. */
    CompletableFuture<Void> send(String from, byte[] message);

    /** Delivers a request; completes with the actor's response. */
    CompletableFuture<byte[]> request(String from, byte[] message);
}
