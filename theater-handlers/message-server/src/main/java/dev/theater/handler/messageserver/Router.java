package dev.theater.handler.messageserver;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.RuntimeServices;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Routes messages between the actors of one runtime: actor id to {@link Inbox} (registered when the actor
 * starts, removed when it stops), the open channels, and the {@link WaitGraph} that refuses a blocking call
 * which would close a cycle of waiting actors.
 */
final class Router {

    private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>();
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final WaitGraph waits = new WaitGraph();
    private volatile RuntimeServices runtime;

    /** The runtime this router serves, used to tell an unknown actor from one without a message server. */
    void runtime(RuntimeServices services) {
        runtime = services;
    }

    void register(Inbox inbox) {
        Inbox previous = inboxes.putIfAbsent(inbox.actorId(), inbox);
        if (previous != null && previous != inbox) {
            throw new HandlerException("handler 'message-server': another actor with this id is already registered")
                    .forActor(inbox.actorId());
        }
    }

    /** Removes the actor: its channels close (the other sides are told) and its pending requests fail. */
    void unregister(Inbox inbox) {
        if (!inboxes.remove(inbox.actorId(), inbox)) {
            return;
        }
        for (String channelId : inbox.channels().toArray(String[]::new)) {
            close(inbox.actorId(), channelId);
        }
        inbox.failAll();
    }

    Inbox inbox(String actorId) {
        Inbox inbox = inboxes.get(actorId);
        if (inbox != null) {
            return inbox;
        }
        RuntimeServices services = runtime;
        if (services != null && services.actor(actorId).filter(actor -> actor.isRunning()).isPresent()) {
            throw DeliveryException.noMessageServer(actorId);
        }
        throw DeliveryException.unknownActor(actorId);
    }

    boolean isRegistered(String actorId) {
        return inboxes.containsKey(actorId);
    }

    WaitGraph waits() {
        return waits;
    }

    /** Queues {@code msg} for {@code to}; returns once it is accepted into the mailbox. */
    void send(String from, String to, byte[] message) {
        inbox(to).send(from, message);
    }

    /** Sends a request and blocks the calling (actor) thread until the answer, a failure or the timeout. */
    byte[] request(String from, String to, byte[] message, long timeoutMs) {
        Inbox target = inbox(to);
        waits.enter(from, to, "request");
        try {
            PendingRequest request = target.request(from, message);
            return await(request.response(), timeoutMs, "request to actor '" + to + "'",
                    () -> target.forget(request.id()));
        } finally {
            waits.leave(from, to);
        }
    }

    /** Opens a channel: blocks until {@code to}'s {@code handle-channel-open} answers; returns the channel id. */
    String openChannel(String from, String to, byte[] message, long timeoutMs) {
        Inbox opener = inbox(from);
        Inbox target = inbox(to);
        if (!target.exports("handle-channel-open")) {
            throw DeliveryException.missingExport(to, "handle-channel-open");
        }
        checkChannelLimit(opener);
        checkChannelLimit(target);
        waits.enter(from, to, "open-channel");
        Channel channel = new Channel(UUID.randomUUID().toString(), from, to);
        channels.put(channel.id(), channel);
        opener.channels().add(channel.id());
        target.channels().add(channel.id());
        boolean opened = false;
        try {
            Values.ChannelAccept accept = await(target.channelOpen(from, channel.id(), message), timeoutMs,
                    "open-channel to actor '" + to + "'", () -> { });
            if (!accept.accepted()) {
                throw new DeliveryException("actor '" + to + "' refused the channel" + accept.message()
                        .map(refusal -> ": " + new String(refusal, StandardCharsets.UTF_8)).orElse(""));
            }
            channel.markOpen();
            opened = true;
            accept.message().ifPresent(first -> deliverFirstMessage(opener, to, channel.id(), first));
            return channel.id();
        } finally {
            waits.leave(from, to);
            if (!opened) {
                forgetChannel(channel);
            }
        }
    }

    /** The acceptor's first message goes to the opener's handle-channel-message; if it cannot, it is dropped. */
    private static void deliverFirstMessage(Inbox opener, String from, String channelId, byte[] message) {
        try {
            opener.channelMessage(from, channelId, message);
        } catch (DeliveryException e) {
            // the channel is open all the same; the opener has no handle-channel-message (or is stopping)
        }
    }

    void sendOnChannel(String from, String channelId, byte[] message) {
        Channel channel = participating(from, channelId);
        if (!channel.isOpen()) {
            throw new DeliveryException("channel '" + channelId + "' is not open yet (it opens when"
                    + " handle-channel-open returns accepted)");
        }
        inbox(channel.other(from)).channelMessage(from, channelId, message);
    }

    void closeChannel(String from, String channelId) {
        participating(from, channelId);
        if (!close(from, channelId)) {
            throw DeliveryException.unknownChannel(channelId);
        }
    }

    /** Closes the channel and tells the side that is not {@code by}; false if it was already gone. */
    private boolean close(String by, String channelId) {
        Channel channel = channels.remove(channelId);
        if (channel == null) {
            return false;
        }
        forgetChannel(channel);
        Inbox other = inboxes.get(channel.other(by));
        if (other != null && channel.isOpen()) {
            other.channelClose(by, channelId);
        }
        return true;
    }

    private void forgetChannel(Channel channel) {
        channels.remove(channel.id(), channel);
        Optional.ofNullable(inboxes.get(channel.opener())).ifPresent(inbox -> inbox.channels().remove(channel.id()));
        Optional.ofNullable(inboxes.get(channel.acceptor())).ifPresent(inbox -> inbox.channels().remove(channel.id()));
    }

    private Channel participating(String actorId, String channelId) {
        Channel channel = channels.get(channelId);
        if (channel == null || !channel.hasParticipant(actorId)) {
            throw DeliveryException.unknownChannel(channelId);
        }
        return channel;
    }

    private static void checkChannelLimit(Inbox inbox) {
        if (inbox.channels().size() >= inbox.config().maxChannels()) {
            throw new DeliveryException("actor '" + inbox.actorId() + "' has too many open channels (max_channels = "
                    + inbox.config().maxChannels() + ")");
        }
    }

    /** Waits for {@code future} on the calling thread; {@code giveUp} runs when the wait ends without a value. */
    static <T> T await(CompletableFuture<T> future, long timeoutMs, String what, Runnable giveUp) {
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            giveUp.run();
            throw new DeliveryException(ActorCallException.Kind.TIMEOUT,
                    what + " timed out after " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            giveUp.run();
            throw DeliveryException.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp.run();
            throw new DeliveryException(ActorCallException.Kind.STOPPED,
                    what + " was interrupted (the waiting actor is stopping)");
        }
    }
}
