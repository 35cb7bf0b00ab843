package dev.theater.handler.httpframework;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.handler.testing.Logs;
import java.util.List;
import java.util.function.Predicate;

/**
 * A web-probe actor serving WebSockets for the WebSocket tests: one started server, the handlers {@code conn}
 * (connect: logs {@code ws-connect conn <cid> <path> <protocol>}), {@code ws-echo} (messages, test-actors/README.md)
 * and {@code disc} (disconnect: logs {@code ws-disconnect disc <cid>}), and {@code /ws} enabled with all three.
 * The connection id of a new connection is read from the {@code http-framework/websocket-opened} event it records.
 */
final class WsProbe {

    static final String OPENED = "http-framework/websocket-opened";
    static final String CLOSED = "http-framework/websocket-closed";

    final ActorRef actor;
    final Logs logs;
    final String server;
    final String conn;
    final String echo;
    final String disc;
    int port;

    private WsProbe(ActorRef actor, Logs logs) {
        this.actor = actor;
        this.logs = logs;
        this.server = WebApp.server(actor);
        this.conn = WebApp.register(actor, "conn");
        this.echo = WebApp.register(actor, "ws-echo");
        this.disc = WebApp.register(actor, "disc");
    }

    /** Starts the actor {@code name} ({@code config} for its http-framework handler), /ws enabled, the server started. */
    static WsProbe start(WebApp app, Logs logs, String name, String config) {
        WsProbe p = new WsProbe(app.web(name, config), logs);
        p.ok("ws", p.server, "/ws", p.conn, p.echo, p.disc);
        p.port = WebApp.start(p.actor, p.server);
        return p;
    }

    /**
     * Like {@link #start}, the actor's manifest ending with {@code tail} (TOML, e.g. a {@code [limits]} table).
     */
    static WsProbe startWith(WebApp app, Logs logs, String name, String tail) {
        String manifest = WebApp.manifestStart(name, "web-probe") + WebApp.handler("timing", "")
                + WebApp.handler("http-framework", "") + tail;
        WsProbe p = new WsProbe(app.theater.start(app.write(name + ".toml", manifest)), logs);
        p.ok("ws", p.server, "/ws", p.conn, p.echo, p.disc);
        p.port = WebApp.start(p.actor, p.server);
        return p;
    }

    /** The actor, its server created and the three handlers registered; nothing enabled, not started. */
    static WsProbe bare(WebApp app, Logs logs, String name, String config) {
        return new WsProbe(app.web(name, config), logs);
    }

    String ok(String... fields) {
        return WebApp.ok(actor, fields);
    }

    String err(String... fields) {
        return WebApp.err(actor, fields);
    }

    String one(String... fields) {
        return WebApp.one(actor, fields);
    }

    /**
     * A command that closes connections: its line is {@code <cmd> ok}, and the disconnect calls it causes may run (and
     * log) before the command is seen done, so only its first line is checked.
     */
    void closing(String... fields) {
        List<String> lines = WebApp.COMMANDS.command(actor, fields);
        if (lines.isEmpty() || !lines.getFirst().equals(fields[0] + " ok")) {
            throw new AssertionError("expected '" + fields[0] + " ok' first from " + String.join(" ", fields) + ", got " + lines);
        }
    }

    /** A client connection and its id on the server. */
    record Connection(WsClient client, String id) {}

    /** Opens a connection on {@code path} and waits until the server recorded it open. */
    Connection open(String path, String... protocols) {
        int before = events(OPENED).size();
        WsClient client = WsClient.open(port, path, protocols);
        List<JObject> opened = awaitEvents(OPENED, before + 1);
        return new Connection(client, field(opened.get(before), "connection"));
    }

    /** Opens a connection on /ws and waits until the connect export ran for it. */
    Connection openWs() {
        Connection c = open("/ws");
        awaitLine("ws-connect conn " + c.id() + " /ws -");
        return c;
    }

    // --- the chain ---------------------------------------------------------------------------------------------

    /** The data of every event of {@code type} in the actor's chain, oldest first. */
    List<JObject> events(String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type)).map(WsProbe::data).toList();
    }

    /** The data of the events of {@code type} for connection {@code cid}. */
    List<JObject> events(String type, String cid) {
        return events(type).stream().filter(e -> field(e, "connection").equals(cid)).toList();
    }

    /** Waits until the chain has {@code count} events of {@code type}; their data. */
    List<JObject> awaitEvents(String type, int count) {
        return awaitChain(type + " x" + count, () -> {
            List<JObject> found = events(type);
            return found.size() >= count ? found : null;
        });
    }

    /** Waits until connection {@code cid} was recorded closed; that event's data. */
    JObject awaitClosed(String cid) {
        return awaitChain(CLOSED + " of " + cid, () -> {
            List<JObject> found = events(CLOSED, cid);
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    private <T> T awaitChain(String what, java.util.function.Supplier<T> probe) {
        long deadline = System.nanoTime() + Logs.WAIT.toNanos();
        while (true) {
            T t = probe.get();
            if (t != null) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("actor '" + actor.id() + "' did not record " + what + " within "
                        + Logs.WAIT.toSeconds() + " s");
            }
            pause();
        }
    }

    static JObject data(ChainEvent e) {
        return (JObject) JsonReader.parse(e.data());
    }

    /** A field of an event's data as text (a number's digits, a string's value, a bool's true/false, null). */
    static String field(JObject o, String name) {
        JsonValue v = o.get(name).orElseThrow(() -> new AssertionError("no field " + name + " in " + o));
        return switch (v) {
            case JsonValue.JString s -> s.value();
            case JsonValue.JNumber n -> n.text();
            case JsonValue.JBool b -> Boolean.toString(b.value());
            case JsonValue.JNull n -> "null";
            default -> String.valueOf(v);
        };
    }

    // --- the log -------------------------------------------------------------------------------------------------

    /** Waits until the actor logged {@code line}. */
    void awaitLine(String line) {
        logs.await(actor.id(), line);
    }

    /** Waits until the actor logged a line {@code what} accepts {@code times} times. */
    void await(String description, Predicate<String> what, int times) {
        logs.await(actor.id(), description, what, times);
    }

    long count(String line) {
        return logs.of(actor.id()).stream().filter(line::equals).count();
    }

    /**
     * Waits until the disconnect export ran for {@code cid}, then, once a command has made a round trip through the
     * actor's mailbox after it, returns how many times it ran (so a test can check it ran exactly once).
     */
    long disconnects(String cid) {
        String line = "ws-disconnect disc " + cid;
        awaitLine(line);
        // a round trip through the mailbox after it: a second call queued meanwhile has run (other connections'
        // disconnect calls may run in between, so the command's lines are only checked to include its own)
        List<String> lines = WebApp.COMMANDS.command(actor, "noop");
        if (!lines.contains("unknown command noop")) {
            throw new AssertionError("expected 'unknown command noop' from noop, got " + lines);
        }
        return count(line);
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
