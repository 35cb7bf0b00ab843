package dev.theater.handler.httpframework;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client on 127.0.0.1 (the JDK's {@link WebSocket}) that queues what the server sends, whole messages
 * (text and binary parts joined), pings, pongs, the close and errors, in arrival order. The JDK answers a ping with
 * a pong by itself and replies to the server's close with a close. Waits fail after {@link #WAIT} (a guard against
 * hanging, not a timing assertion).
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** What the client received. */
    sealed interface Event {}

    record Text(String text) implements Event {}

    record Binary(byte[] data) implements Event {
        @Override
        public String toString() {
            return "Binary[" + new String(data, StandardCharsets.UTF_8) + "]";
        }
    }

    record Ping(byte[] data) implements Event {
        @Override
        public String toString() {
            return "Ping[" + new String(data, StandardCharsets.UTF_8) + "]";
        }
    }

    record Pong(byte[] data) implements Event {
        @Override
        public String toString() {
            return "Pong[" + new String(data, StandardCharsets.UTF_8) + "]";
        }
    }

    record Close(int code, String reason) implements Event {}

    record Failure(Throwable error) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile WebSocket socket;

    private WsClient() {
    }

    /** Opens {@code ws://127.0.0.1:<port><path>}, offering {@code protocols} (most wanted first) if any. */
    static WsClient open(int port, String path, String... protocols) {
        WsClient client = new WsClient();
        try {
            client.socket = builder(protocols).buildAsync(uri(port, path), client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("WebSocket handshake with " + uri(port, path) + " failed", e);
        }
        return client;
    }

    /** The HTTP status of a handshake the server refuses (failing if it succeeds). */
    static int refused(int port, String path) {
        WsClient client = new WsClient();
        try {
            WebSocket ws = builder().buildAsync(uri(port, path), client).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ws.abort();
            throw new AssertionError("the WebSocket handshake with " + uri(port, path) + " succeeded");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new AssertionError("the WebSocket handshake with " + uri(port, path) + " failed, not refused", e);
        } catch (Exception e) {
            throw new AssertionError("the WebSocket handshake with " + uri(port, path) + " did not end", e);
        }
    }

    private static WebSocket.Builder builder(String... protocols) {
        WebSocket.Builder b = WebApp.CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (protocols.length > 0) {
            b.subprotocols(protocols[0], Arrays.copyOfRange(protocols, 1, protocols.length));
        }
        return b;
    }

    private static URI uri(int port, String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /** The sub-protocol the server accepted ("" for none). */
    String protocol() {
        return socket.getSubprotocol();
    }

    // --- sending (each waits until the JDK has sent it: one send at a time is its rule) -----------------------

    WsClient send(String message) {
        return done(socket.sendText(message, true), "text " + message);
    }

    WsClient sendBinary(byte[] data) {
        return done(socket.sendBinary(ByteBuffer.wrap(data), true), "binary of " + data.length + " bytes");
    }

    WsClient ping(String data) {
        return done(socket.sendPing(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8))), "ping");
    }

    WsClient sendClose(int code, String reason) {
        return done(socket.sendClose(code, reason), "close");
    }

    private WsClient done(java.util.concurrent.CompletableFuture<WebSocket> sent, String what) {
        try {
            sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("sending " + what + " failed", e);
        }
        return this;
    }

    // --- receiving ---------------------------------------------------------------------------------------------

    /** The next event, waiting for it. */
    Event next() {
        try {
            Event e = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("the WebSocket client received nothing within " + WAIT.toSeconds() + " s");
            }
            return e;
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new AssertionError(x);
        }
    }

    /** The next event, which must be a text message; its text. */
    String nextText() {
        Event e = next();
        if (!(e instanceof Text t)) {
            throw new AssertionError("expected a text message, got " + e);
        }
        return t.text();
    }

    /** The next event, which must be the server's close. */
    Close nextClose() {
        Event e = next();
        if (!(e instanceof Close c)) {
            throw new AssertionError("expected the server's close, got " + e);
        }
        return c;
    }

    /** Whether nothing is queued (what arrived so far was all taken). */
    boolean drained() {
        return events.isEmpty();
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }

    // --- WebSocket.Listener -----------------------------------------------------------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add(new Text(text.toString()));
            text.setLength(0);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        binary.writeBytes(b);
        if (last) {
            events.add(new Binary(binary.toByteArray()));
            binary.reset();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        events.add(new Ping(bytes(message)));
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        events.add(new Pong(bytes(message)));
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.add(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.add(new Failure(error));
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
