package dev.theater.handler.httpframework;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.EventData;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U64;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One WebSocket connection. Frames reach the actor one at a time: the next is read ({@link Session#demand}) only
 * once the actor has answered the last, so a fast client waits instead of piling calls into the mailbox. The
 * messages {@code handle-websocket-message} returns are sent back in order. {@link #closed} runs once, however the
 * connection ends, and calls {@code handle-websocket-disconnect} if the actor takes calls. Public (with public
 * listener methods) only because Jetty binds the listener by method handles; nothing else may make one.
 */
public final class WsConnection implements Session.Listener {

    private final ActorServer server;
    private final HttpFrameworkHandler handler;
    private final long id;
    private final Table.WebSocketPath config;
    private final Optional<String> protocol;
    private final AtomicBoolean closing = new AtomicBoolean(); // a close handshake was started from this side
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;

    WsConnection(ActorServer server, long id, Table.WebSocketPath config, Optional<String> protocol) {
        this.server = server;
        this.handler = server.handler;
        this.id = id;
        this.config = config;
        this.protocol = protocol;
    }

    RoutePath path() {
        return config.path();
    }

    // --- from the client ---------------------------------------------------------------------------------------

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        server.connections.put(id, this);
        handler.record(HttpFrameworkHandler.WEBSOCKET_OPENED, event().string("path", config.path().text())
                .optionalString("protocol", protocol).build(), "WebSocket " + id + " opened on " + config.path().text());
        if (config.connectHandler().isPresent()) {
            call(handler.exports().connect().orElseThrow(), TupleValue.of(new U64(config.connectHandler().getAsLong()),
                    new U64(id), new Str(config.path().text()),
                    new OptionValue(protocol.map(Str::new))), result -> s.demand());
        } else {
            s.demand();
        }
    }

    @Override
    public void onWebSocketText(String text) {
        deliver(Values.Message.text(text));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        deliver(Values.Message.binary(bytes));
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        Session s = session;
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip();
        s.sendPong(copy, Callback.NOOP);
        s.demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        session.demand();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed(statusCode, reason == null ? "" : reason);
    }

    /**
     * Nothing to do: Jetty follows an error with {@link #onWebSocketClose} and the code it closed with (1009 for a
     * message too large, 1006 for a connection lost), which is the one to record.
     */
    @Override
    public void onWebSocketError(Throwable cause) {
    }

    private void deliver(Values.Message message) {
        Session s = session;
        if (closing.get()) {
            s.demand(); // a close is under way: the actor sees no more messages, and the client's close frame is awaited
            return;
        }
        call(handler.exports().message().orElseThrow(), TupleValue.of(new U64(config.messageHandler()), new U64(id),
                message.toWit()), result -> {
            for (WitValue m : ((ListValue) ((TupleValue) result.orElseThrow()).elements().getFirst()).elements()) {
                Values.Message reply = Values.Message.fromWit(m);
                try {
                    send(reply);
                } catch (HttpFrameworkException e) {
                    close(1011, "the actor's answer could not be sent");
                    return;
                }
                if (reply.type() == Values.MessageType.CLOSE) {
                    s.demand(); // for the client's close frame, which ends the handshake; what follows a close is not sent
                    return;
                }
            }
            s.demand();
        });
    }

    /** A call of the actor's; an err, a trap or a full mailbox closes the connection (1011, or 1013 to retry later). */
    private void call(ActorExport export, TupleValue params, Consumer<Optional<WitValue>> then) {
        if (!handler.takesCalls()) {
            close(1001, "the actor is stopping");
            return;
        }
        CompletableFuture<Optional<WitValue>> future;
        try {
            future = export.offer(params, () -> !closed.get());
        } catch (RuntimeException e) {
            close(1011, "server error");
            return;
        }
        future.whenComplete((result, failure) -> {
            if (failure == null) {
                if (!closed.get()) {
                    then.accept(result);
                }
                return;
            }
            Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            ActorCallException.Kind kind = cause instanceof ActorCallException e ? e.kind() : null;
            if (kind == ActorCallException.Kind.MAILBOX_FULL) {
                close(1013, "the actor is busy; try again later");
            } else if (kind != ActorCallException.Kind.WITHDRAWN) {
                close(1011, "server error");
            }
        });
    }

    // --- to the client -------------------------------------------------------------------------------------------

    /** Sends one message (queued, in order); {@code close} closes the connection. */
    void send(Values.Message m) {
        Session s = session;
        if (s == null || closing.get() || closed.get() || !s.isOpen()) {
            throw new HttpFrameworkException("WebSocket connection " + Long.toUnsignedString(id) + " is closed");
        }
        Callback onFailure = Callback.from(() -> { }, x -> close(1011, "sending failed"));
        switch (m.type()) {
            case TEXT -> s.sendText(m.text().orElseThrow(() -> new HttpFrameworkException(
                    "a text message needs its text (text: some(...))")), onFailure);
            case BINARY -> s.sendBinary(ByteBuffer.wrap(m.data().orElseThrow(() -> new HttpFrameworkException(
                    "a binary message needs its data (data: some(...))"))), onFailure);
            case PING, PONG -> {
                byte[] data = m.data().orElse(new byte[0]);
                if (data.length > 125) {
                    throw new HttpFrameworkException("a " + m.describe() + " carries at most 125 bytes, found " + data.length);
                }
                if (m.type() == Values.MessageType.PING) {
                    s.sendPing(ByteBuffer.wrap(data), onFailure);
                } else {
                    s.sendPong(ByteBuffer.wrap(data), onFailure);
                }
            }
            case CLOSE -> close(1000, m.text().orElse(""));
            case CONNECT, OTHER -> throw new HttpFrameworkException("a " + m.describe()
                    + " message cannot be sent (only text, binary, ping, pong and close can)");
        }
    }

    /** Starts the close handshake; {@link #closed} follows when it ends. */
    void close(int code, String reason) {
        Session s = session;
        if (s == null) {
            closed(code, reason); // never opened
        } else if (closing.compareAndSet(false, true) && s.isOpen()) {
            s.close(code, truncate(reason), Callback.NOOP);
        }
        // else a close is under way already: Jetty's onWebSocketClose ends it with the code really used
    }

    /** Once per connection: forgotten by the server, recorded, and the disconnect export called if the actor takes calls. */
    void closed(int code, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.connections.remove(id);
        boolean tell = config.disconnectHandler().isPresent() && handler.takesCalls();
        handler.record(HttpFrameworkHandler.WEBSOCKET_CLOSED, event().u64("code", code).string("reason", reason)
                .bool("disconnect_called", tell).build(), "WebSocket " + id + " closed (" + code + ")");
        if (tell) {
            ActorExport export = handler.exports().disconnect().orElseThrow();
            TupleValue params = TupleValue.of(new U64(config.disconnectHandler().getAsLong()), new U64(id));
            // call() may wait for room in a full mailbox: a virtual thread waits, no Jetty thread does
            Thread.ofVirtual().name("ws-disconnect-" + id).start(() -> export.call(params));
        }
    }

    private EventData.Builder event() {
        return EventData.builder().u64("server", server.id).u64("connection", id);
    }

    /** A close reason is at most 123 bytes of UTF-8. */
    private static String truncate(String reason) {
        byte[] b = reason.getBytes(StandardCharsets.UTF_8);
        if (b.length <= 123) {
            return reason;
        }
        String r = reason;
        while (r.getBytes(StandardCharsets.UTF_8).length > 120) {
            r = r.substring(0, r.length() - 1);
        }
        return r + "...";
    }
}
