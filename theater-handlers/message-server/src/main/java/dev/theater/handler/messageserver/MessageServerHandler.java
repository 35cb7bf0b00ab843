package dev.theater.handler.messageserver;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.MessageEndpoint;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The message-server handler of one actor: the eight {@code message-server-host} functions (the actor as
 * sender), its {@link Inbox} (the actor as receiver), and the {@link MessageEndpoint} through which Java code
 * sends to and requests from the actor.
 */
final class MessageServerHandler implements Handler, MessageEndpoint {

    private final String actorId;
    private final MessageServerConfig config;
    private final Router router;
    private final Inbox inbox;

    MessageServerHandler(String actorId, MessageServerConfig config, Router router) {
        this.actorId = actorId;
        this.config = config;
        this.router = router;
        this.inbox = new Inbox(actorId, config);
    }

    @Override
    public void link(HostLinker linker) {
        String host = MessageServerHandlerProvider.HOST;
        linker.define(host, "send", args -> result(() -> {
            router.send(actorId, Values.string(args, 0), Values.bytes(args, 1));
            return null;
        }));
        linker.define(host, "request", args -> result(() -> new WitValue.Bytes(
                router.request(actorId, Values.string(args, 0), Values.bytes(args, 1), config.requestTimeoutMs()))));
        linker.define(host, "open-channel", args -> result(() -> new Str(
                router.openChannel(actorId, Values.string(args, 0), Values.bytes(args, 1), config.requestTimeoutMs()))));
        linker.define(host, "send-on-channel", args -> result(() -> {
            router.sendOnChannel(actorId, Values.string(args, 0), Values.bytes(args, 1));
            return null;
        }));
        linker.define(host, "close-channel", args -> result(() -> {
            router.closeChannel(actorId, Values.string(args, 0));
            return null;
        }));
        linker.define(host, "list-outstanding-requests", args -> Optional.of(
                new ListValue(inbox.outstanding().stream().<WitValue>map(Str::new).toList())));
        linker.define(host, "respond-to-request", args -> result(() -> {
            String requestId = Values.string(args, 0);
            if (!inbox.answer(requestId, Values.bytes(args, 1))) {
                throw DeliveryException.noPendingRequest(requestId);
            }
            return null;
        }));
        linker.define(host, "cancel-request", args -> result(() -> {
            String requestId = Values.string(args, 0);
            if (!inbox.fail(requestId, new DeliveryException(
                    "actor '" + actorId + "' cancelled request " + requestId))) {
                throw DeliveryException.noPendingRequest(requestId);
            }
            return null;
        }));
    }

    @Override
    public void bindExports(ActorExports exports) {
        inbox.bind(exports);
    }

    @Override
    public void start(ActorHandle actor) {
        inbox.attach(actor);
        router.register(inbox);
    }

    @Override
    public void stop() {
        router.unregister(inbox);
    }

    @Override
    public CompletableFuture<Void> send(String from, byte[] message) {
        try {
            return inbox.send(from, message);
        } catch (DeliveryException e) {
            return CompletableFuture.failedFuture(e.toActorCallException(actorId));
        }
    }

    @Override
    public CompletableFuture<byte[]> request(String from, byte[] message) {
        PendingRequest request;
        try {
            request = inbox.request(from, message);
        } catch (DeliveryException e) {
            return CompletableFuture.failedFuture(e.toActorCallException(actorId));
        }
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        request.response().whenComplete((response, failure) -> {
            if (failure != null) {
                answer.completeExceptionally(DeliveryException.of(failure).toActorCallException(actorId));
            } else {
                answer.complete(response);
            }
        });
        // orTimeout cancels its timer when the answer comes first, so nothing lingers per request
        return answer.orTimeout(config.requestTimeoutMs(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
                inbox.forget(request.id());
                return CompletableFuture.failedFuture(new DeliveryException(ActorCallException.Kind.TIMEOUT,
                        "the request timed out after " + config.requestTimeoutMs() + " ms")
                        .toActorCallException(actorId));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    String actorId() {
        return actorId;
    }

    /** {@code ok(value)} ({@code ok} without payload for null), or {@code err(message)} for a failed delivery. */
    private static Optional<WitValue> result(Supplier<WitValue> body) {
        try {
            WitValue value = body.get();
            return Optional.of(value == null ? ResultValue.okEmpty() : ResultValue.ok(value));
        } catch (DeliveryException e) {
            return Optional.of(ResultValue.err(new Str(e.getMessage())));
        }
    }
}
