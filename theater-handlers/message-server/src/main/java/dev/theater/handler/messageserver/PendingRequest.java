package dev.theater.handler.messageserver;

import java.util.concurrent.CompletableFuture;

/**
 * A request an actor received and has not answered: its id, who sent it, and the requester's future.
 *
 * @param id       the request id the receiver sees in {@code handle-request}
 * @param from     the requesting actor (or the embedder's name for a request from Java)
 * @param response completes with the response, or fails with a {@link DeliveryException}
 */
record PendingRequest(String id, String from, CompletableFuture<byte[]> response) {
}
