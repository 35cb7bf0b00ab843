package dev.theater.handler.messageserver;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The receiving side of one actor: its {@code message-server-client} exports, the messages queued for it, the
 * requests it received and has not answered, and the channels it takes part in.
 */
final class Inbox {

    // request ids are only meaningful to this actor's pending table: a per-inbox random prefix and a counter
    // keep them unique across restarts, without a SecureRandom draw (UUID) on every request
    private final String requestIdPrefix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + "-";
    private final AtomicLong requestCounter = new AtomicLong();

    private final String actorId;
    private final MessageServerConfig config;
    private final AtomicLong queued = new AtomicLong();
    private final Map<String, PendingRequest> pending = new LinkedHashMap<>();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile Map<String, ActorExport> exports = Map.of();
    private volatile ActorHandle actor;

    Inbox(String actorId, MessageServerConfig config) {
        this.actorId = actorId;
        this.config = config;
    }

    String actorId() {
        return actorId;
    }

    MessageServerConfig config() {
        return config;
    }

    Set<String> channels() {
        return channels;
    }

    void bind(ActorExports actorExports) {
        Map<String, ActorExport> found = new ConcurrentHashMap<>();
        for (String function : List.of("handle-send", "handle-request", "handle-channel-open",
                "handle-channel-message", "handle-channel-close")) {
            actorExports.find(MessageServerHandlerProvider.CLIENT, function).ifPresent(e -> found.put(function, e));
        }
        exports = Map.copyOf(found);
    }

    void attach(ActorHandle handle) {
        actor = handle;
    }

    boolean exports(String function) {
        return exports.containsKey(function);
    }

    /** Queues {@code handle-send(msg)}; the future completes when the actor has handled it. */
    CompletableFuture<Void> send(String from, byte[] message) {
        return deliver("handle-send", "send", from, message, null, TupleValue.of(new Bytes(message)), true)
                .thenApply(result -> null);
    }

    /** Queues {@code handle-request(id, msg)} and registers the request as pending until it is answered. */
    PendingRequest request(String from, byte[] message) {
        String id = requestIdPrefix + Long.toString(requestCounter.incrementAndGet(), 36);
        PendingRequest request = new PendingRequest(id, from, new CompletableFuture<>());
        synchronized (pending) {
            pending.put(id, request);
        }
        CompletableFuture<Optional<WitValue>> call;
        try {
            call = deliver("handle-request", "request", from, message, id,
                    TupleValue.of(new Str(id), new Bytes(message)), true);
        } catch (DeliveryException e) {
            forget(id);
            throw e;
        }
        call.whenComplete((result, failure) -> {
            if (failure != null) {
                DeliveryException cause = DeliveryException.of(failure);
                ActorCallException callFailure = cause.callFailure(); // names this actor already: say it once
                fail(id, new DeliveryException(cause.kind(), "actor '" + actorId + "' failed handling request " + id
                        + ": " + (callFailure != null ? callFailure.describe() : cause.getMessage()), callFailure));
            } else {
                Values.optionalBytes(Values.single(result, "handle-request")).ifPresent(response -> answer(id, response));
            }
        });
        return request;
    }

    /** Queues {@code handle-channel-open(channel, msg)}; the future completes with the actor's answer. */
    CompletableFuture<Values.ChannelAccept> channelOpen(String from, String channelId, byte[] message) {
        return deliver("handle-channel-open", "channel-open", from, message, channelId,
                TupleValue.of(new Str(channelId), new Bytes(message)), true)
                .thenApply(result -> Values.channelAccept(Values.single(result, "handle-channel-open")));
    }

    /** Queues {@code handle-channel-message(channel, msg)}. */
    CompletableFuture<Optional<WitValue>> channelMessage(String from, String channelId, byte[] message) {
        return deliver("handle-channel-message", "channel-message", from, message, channelId,
                TupleValue.of(new Str(channelId), new Bytes(message)), true);
    }

    /** Queues {@code handle-channel-close(channel)} if the actor exports it (a close is never refused). */
    void channelClose(String from, String channelId) {
        if (exports("handle-channel-close")) {
            try {
                deliver("handle-channel-close", "channel-close", from, new byte[0], channelId,
                        TupleValue.of(new Str(channelId)), false);
            } catch (DeliveryException e) {
                // the actor is stopping: there is nobody left to notify
            }
        }
    }

    /** Answers pending request {@code id}; false if it is not pending (answered, cancelled, timed out). */
    boolean answer(String id, byte[] response) {
        PendingRequest request = forget(id);
        return request != null && request.response().complete(response);
    }

    /** Fails pending request {@code id}; false if it is not pending. */
    boolean fail(String id, DeliveryException failure) {
        PendingRequest request = forget(id);
        return request != null && request.response().completeExceptionally(failure);
    }

    /** Drops pending request {@code id} (the requester gave up); returns it, or null. */
    PendingRequest forget(String id) {
        synchronized (pending) {
            return pending.remove(id);
        }
    }

    /** The ids of the requests received and not answered, oldest first. */
    List<String> outstanding() {
        synchronized (pending) {
            return List.copyOf(pending.keySet());
        }
    }

    /** Fails every pending request: the actor stopped. */
    void failAll() {
        for (String id : outstanding()) {
            fail(id, new DeliveryException(ActorCallException.Kind.STOPPED,
                    "actor '" + actorId + "' stopped before answering request " + id));
        }
    }

    private CompletableFuture<Optional<WitValue>> deliver(String function, String kind, String from, byte[] message,
                                                         String id, TupleValue params, boolean limited) {
        ActorExport export = exports.get(function);
        if (export == null) {
            throw DeliveryException.missingExport(actorId, function);
        }
        long waiting = queued.incrementAndGet();
        if (limited && waiting > config.mailboxCapacity()) {
            queued.decrementAndGet();
            throw new DeliveryException(ActorCallException.Kind.MAILBOX_FULL, "the mailbox of actor '" + actorId
                    + "' is full (mailbox_capacity = " + config.mailboxCapacity() + " messages waiting)");
        }
        CompletableFuture<Optional<WitValue>> call;
        try {
            record(kind, from, message.length, id);
            call = export.call(params);
        } catch (DeliveryException e) {
            queued.decrementAndGet();
            throw e;
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            throw new DeliveryException(ActorCallException.Kind.STOPPED,
                    "actor '" + actorId + "' did not accept the " + kind + ": " + e.getMessage());
        }
        call.whenComplete((result, failure) -> queued.decrementAndGet());
        if (call.state() == Future.State.FAILED && call.exceptionNow() instanceof ActorCallException refused
                && (refused.kind() == ActorCallException.Kind.STOPPED
                || refused.kind() == ActorCallException.Kind.MAILBOX_FULL)) {
            recordRejected(kind, from, id, refused); // the arrival was recorded: so is its refusal
            throw new DeliveryException(refused.kind(), refused.getMessage());
        }
        return call;
    }

    /**
     * Records the arrival; an actor that is not running (never attached, stopping, failed, or its chain closed)
     * refuses the message and nothing is recorded.
     */
    private void record(String kind, String from, int size, String id) {
        ActorHandle handle = actor;
        if (handle == null || !handle.isRunning()) {
            throw new DeliveryException(ActorCallException.Kind.STOPPED, "actor '" + actorId + "' is not running");
        }
        handle.record(Received.EVENT_TYPE, Received.data(kind, from, size, id), Received.description(kind, from, size));
    }

    /** A message whose arrival was recorded, but which the actor refused (it stopped or failed meanwhile). */
    private void recordRejected(String kind, String from, String id, ActorCallException refusal) {
        try {
            actor.record(Received.REJECTED_TYPE, Received.rejected(kind, from, id, refusal.describe()),
                    kind + " from '" + from + "' refused");
        } catch (RuntimeException e) {
            // the chain closed meanwhile: the actor is gone, there is nothing more to say in it
        }
    }
}
