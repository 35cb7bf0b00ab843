package dev.theater.handler.messageserver;

import dev.theater.api.handler.ActorCallException;

/**
 * A message could not be delivered or answered. Its message is what the sending actor gets as the
 * {@code err} string of its host call, so it names the actors, ids and exports involved.
 */
final class DeliveryException extends RuntimeException {

    private final ActorCallException.Kind kind;

    DeliveryException(String message) {
        this(ActorCallException.Kind.ERROR_RESULT, message);
    }

    DeliveryException(ActorCallException.Kind kind, String message) {
        this(kind, message, null);
    }

    /** {@code cause} is the actor's own call failure, when there is one: embedders get it as it is. */
    DeliveryException(ActorCallException.Kind kind, String message, ActorCallException cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    /** How an embedder sees this failure ({@link ActorCallException#kind()}). */
    ActorCallException.Kind kind() {
        return kind;
    }

    /**
     * This failure as the embedding API reports it for actor {@code actorId}: the actor's own call failure if any,
     * else this message, which the exception prefixes with the actor (so "actor 'b' does not export ..." is not
     * told as "actor 'b': actor 'b' does not export ...").
     */
    ActorCallException toActorCallException(String actorId) {
        if (getCause() instanceof ActorCallException call) {
            return call;
        }
        String aboutIt = "actor '" + actorId + "' ";
        String message = getMessage();
        return new ActorCallException(actorId, kind, message.startsWith(aboutIt) ? message.substring(aboutIt.length())
                : message, this);
    }

    /** The actor's call failure behind this one, if any. */
    ActorCallException callFailure() {
        return getCause() instanceof ActorCallException call ? call : null;
    }

    /** {@code failure} as a DeliveryException: itself, or a wrapper with its kind and message. */
    static DeliveryException of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case DeliveryException delivery -> delivery;
            case ActorCallException call -> new DeliveryException(call.kind(), call.getMessage(), call);
            default -> new DeliveryException(String.valueOf(cause.getMessage()));
        };
    }

    static DeliveryException unknownActor(String actorId) {
        return new DeliveryException(ActorCallException.Kind.STOPPED, "no running actor '" + actorId + "'");
    }

    static DeliveryException noMessageServer(String actorId) {
        return new DeliveryException("actor '" + actorId + "' has no message-server handler; its manifest must list"
                + " [[handlers]] type = \"message-server\"");
    }

    static DeliveryException missingExport(String actorId, String function) {
        return new DeliveryException("actor '" + actorId + "' does not export "
                + MessageServerHandlerProvider.CLIENT + "#" + function);
    }

    static DeliveryException unknownChannel(String channelId) {
        return new DeliveryException("unknown channel '" + channelId + "' (never opened, or already closed)");
    }

    static DeliveryException noPendingRequest(String requestId) {
        return new DeliveryException("no pending request '" + requestId
                + "' (never received, already answered, cancelled or timed out)");
    }
}
