package dev.theater.handler.httpframework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.json.JsonValue.JObject;
import dev.theater.handler.httpframework.WsClient.Binary;
import dev.theater.handler.httpframework.WsClient.Ping;
import dev.theater.handler.httpframework.WsClient.Pong;
import dev.theater.handler.httpframework.WsProbe.Connection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * WebSockets of the http-framework handler through the real web-probe guest (test-actors/README.md, "web-probe")
 * and the JDK's WebSocket client on 127.0.0.1: enable-websocket and its refusals, the connect export's arguments
 * (sub-protocol included), text and binary messages to handle-websocket-message and the messages it returns back
 * in order, one frame at a time, send-websocket-message of every type and its refusals, pings, middleware on the
 * upgrade request, and ids being an actor's own. How connections end is HttpFrameworkWebSocketCloseTest's.
 */
class HttpFrameworkWebSocketTest extends WebAppTest {

    private WsProbe probe() {
        return WsProbe.start(app, logs, "web", "");
    }

    // --- enable-websocket -----------------------------------------------------------------------------------------

    @Test
    void enableWebSocketRefusesUnknownServerAndHandlerIdsAnEnabledPathAndPatterns() {
        WsProbe p = WsProbe.bare(app, logs, "web", "");
        assertThat(p.err("ws", "999999", "/ws", "-", p.echo, "-"))
                .startsWith("enable-websocket: unknown server id 999999 (actor 'web' has [" + p.server + "])");
        assertThat(p.err("ws", p.server, "/ws", "-", "888888", "-"))
                .isEqualTo("enable-websocket: unknown handler id 888888 (register-handler gives one)");
        assertThat(p.err("ws", p.server, "/ws", "888887", p.echo, "-"))
                .isEqualTo("enable-websocket: unknown handler id 888887 (register-handler gives one)");
        assertThat(p.err("ws", p.server, "/ws", "-", p.echo, "888886"))
                .isEqualTo("enable-websocket: unknown handler id 888886 (register-handler gives one)");
        assertThat(p.err("ws", p.server, "/ws/{id}", "-", p.echo, "-"))
                .isEqualTo("enable-websocket: path \"/ws/{id}\" has a parameter {id}; middleware and WebSocket paths are literal");
        assertThat(p.err("ws", p.server, "/files/{*rest}", "-", p.echo, "-"))
                .isEqualTo("enable-websocket: path \"/files/{*rest}\" has a parameter {*rest}; middleware and WebSocket paths are literal");
        assertThat(p.err("ws", p.server, "ws", "-", p.echo, "-")).isEqualTo("enable-websocket: path \"ws\" must start with /");
        assertThat(p.ok("info", p.server)).endsWith("websocket=0"); // none of the refused calls enabled anything

        p.ok("ws", p.server, "/ws", p.conn, p.echo, p.disc);
        assertThat(p.err("ws", p.server, "/ws", "-", p.echo, "-"))
                .isEqualTo("enable-websocket: server " + p.server + " already accepts WebSockets on /ws; disable-websocket first");
        assertThat(p.ok("info", p.server)).endsWith("websocket=1");
        // the refused second enable changed nothing: /ws still calls the first one's connect export
        p.port = WebApp.start(p.actor, p.server);
        p.openWs();
    }

    @Test
    void connectAndDisconnectHandlersAreOptional() {
        WsProbe p = probe();
        p.ok("ws", p.server, "/plain", "-", p.echo, "-");
        p.ok("ws", p.server, "/connect-only", p.conn, p.echo, "-");
        p.ok("ws", p.server, "/disconnect-only", "-", p.echo, p.disc);

        Connection plain = p.open("/plain");
        assertThat(plain.client().send("a").nextText()).isEqualTo("echo: a");
        plain.client().sendClose(1000, "done");
        assertThat(WsProbe.field(p.awaitClosed(plain.id()), "disconnect_called")).isEqualTo("false");

        Connection connectOnly = p.open("/connect-only");
        p.awaitLine("ws-connect conn " + connectOnly.id() + " /connect-only -");
        assertThat(connectOnly.client().send("b").nextText()).isEqualTo("echo: b");
        connectOnly.client().sendClose(1000, "done");
        assertThat(WsProbe.field(p.awaitClosed(connectOnly.id()), "disconnect_called")).isEqualTo("false");

        Connection disconnectOnly = p.open("/disconnect-only");
        assertThat(disconnectOnly.client().send("c").nextText()).isEqualTo("echo: c");
        disconnectOnly.client().sendClose(1000, "done");
        assertThat(p.disconnects(disconnectOnly.id())).isEqualTo(1);
        assertThat(WsProbe.field(p.awaitClosed(disconnectOnly.id()), "disconnect_called")).isEqualTo("true");

        // only the connections whose path names a handler called it
        List<String> lines = logs.of(p.actor.id());
        assertThat(lines).noneMatch(l -> l.startsWith("ws-connect ") && !l.contains(" " + connectOnly.id() + " "));
        assertThat(lines).noneMatch(l -> l.startsWith("ws-disconnect ") && !l.endsWith(" " + disconnectOnly.id()));
    }

    // --- the connect export ---------------------------------------------------------------------------------------

    @Test
    void theConnectExportGetsItsHandlerTheConnectionIdThePathAndTheFirstOfferedSubProtocol() {
        WsProbe p = probe();
        Connection offered = p.open("/ws", "chat.v2", "chat.v1");
        assertThat(offered.client().protocol()).isEqualTo("chat.v2");
        p.awaitLine("ws-connect conn " + offered.id() + " /ws chat.v2"); // "conn" is the name of the handler id passed
        Connection none = p.open("/ws");
        assertThat(none.client().protocol()).isEmpty();
        p.awaitLine("ws-connect conn " + none.id() + " /ws -");
        assertThat(none.id()).isNotEqualTo(offered.id());

        List<JObject> opened = p.events(WsProbe.OPENED);
        assertThat(opened).hasSize(2);
        assertThat(WsProbe.field(opened.get(0), "server")).isEqualTo(p.server);
        assertThat(WsProbe.field(opened.get(0), "path")).isEqualTo("/ws");
        assertThat(WsProbe.field(opened.get(0), "protocol")).isEqualTo("chat.v2");
        assertThat(WsProbe.field(opened.get(1), "path")).isEqualTo("/ws");
        assertThat(WsProbe.field(opened.get(1), "protocol")).isEqualTo("null");
    }

    // --- messages from the client -----------------------------------------------------------------------------

    @Test
    void textAndBinaryMessagesReachTheActorAndTheMessagesItReturnsArriveInOrder() {
        WsProbe p = probe();
        Connection c = p.openWs();
        WsClient client = c.client();
        assertThat(client.send("hello").nextText()).isEqualTo("echo: hello");
        p.awaitLine("ws-message ws-echo " + c.id() + " text hello");
        assertThat(client.send("héllo ✓").nextText()).isEqualTo("echo: héllo ✓");

        client.sendBinary(new byte[] {1, 2, 3, (byte) 0xff});
        assertThat(client.next()).isInstanceOfSatisfying(Binary.class,
                b -> assertThat(b.data()).containsExactly(1, 2, 3, 0xff));
        p.awaitLine("ws-message ws-echo " + c.id() + " binary 4");
        client.sendBinary(new byte[0]);
        assertThat(client.next()).isInstanceOfSatisfying(Binary.class, b -> assertThat(b.data()).isEmpty());

        client.send("two");
        assertThat(client.nextText()).isEqualTo("one");
        assertThat(client.nextText()).isEqualTo("two");
        // "none" returns no message: the next thing to arrive is the answer to the message after it
        client.send("none").send("after");
        assertThat(client.nextText()).isEqualTo("echo: after");
        assertThat(client.drained()).isTrue();
        p.awaitLine("ws-message ws-echo " + c.id() + " text none");
    }

    @Test
    void theActorCanSendToTheConnectionFromInsideTheMessageExport() {
        WsProbe p = probe();
        Connection c = p.openWs();
        assertThat(c.client().send("push:" + p.server).nextText()).isEqualTo("pushed");
        assertThat(c.client().send("then").nextText()).isEqualTo("echo: then");
        assertThat(logs.of(p.actor.id())).noneMatch(l -> l.startsWith("push err"));
    }

    @Test
    void twentyMessagesSentAtOnceAreHandedToTheActorOneAtATimeAndAnsweredInOrder() {
        // a mailbox of one: a second call offered while one waits is refused (the connection would close with 1013),
        // so twenty answers prove the handler offered the next frame only once the actor had answered the last
        WsProbe p = WsProbe.startWith(app, logs, "web", "[limits]\nmailbox_capacity = 1\n");
        Connection c = p.openWs();
        for (int i = 0; i < 20; i++) {
            c.client().send("m" + i); // waits for the client to have sent it, not for the answer
        }
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(c.client().nextText());
        }
        assertThat(answers).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "echo: m" + i).toList());
        // the log reaches the test through a chain listener, which may lag behind the answers on the wire
        p.await("20 ws-message lines", l -> l.startsWith("ws-message "), 20);
        List<String> received = logs.of(p.actor.id()).stream().filter(l -> l.startsWith("ws-message ")).toList();
        assertThat(received).containsExactlyElementsOf(
                IntStream.range(0, 20).mapToObj(i -> "ws-message ws-echo " + c.id() + " text m" + i).toList());
    }

    @Test
    void aClientPingIsAnsweredWithOnePongAndNeverReachesTheActor() {
        WsProbe p = probe();
        Connection c = p.openWs();
        c.client().ping("are you there");
        assertThat(c.client().next()).isInstanceOfSatisfying(Pong.class,
                pong -> assertThat(new String(pong.data(), StandardCharsets.UTF_8)).isEqualTo("are you there"));
        // a second pong would arrive before the answer to a later message
        assertThat(c.client().send("next").nextText()).isEqualTo("echo: next");
        p.awaitLine("ws-message ws-echo " + c.id() + " text next"); // the log may lag behind the answer
        assertThat(logs.of(p.actor.id()).stream().filter(l -> l.startsWith("ws-message "))).hasSize(1);
    }

    // --- send-websocket-message ---------------------------------------------------------------------------------

    @Test
    void sendWebSocketMessageSendsTextBinaryPingAndPong() {
        WsProbe p = probe();
        Connection c = p.openWs();
        WsClient client = c.client();
        p.ok("wssend", p.server, c.id(), "text", "from the actor");
        assertThat(client.nextText()).isEqualTo("from the actor");
        p.ok("wssend", p.server, c.id(), "binary", "bytes");
        assertThat(client.next()).isInstanceOfSatisfying(Binary.class,
                b -> assertThat(new String(b.data(), StandardCharsets.UTF_8)).isEqualTo("bytes"));
        p.ok("wssend", p.server, c.id(), "ping", "p1");
        assertThat(client.next()).isInstanceOfSatisfying(Ping.class,
                ping -> assertThat(new String(ping.data(), StandardCharsets.UTF_8)).isEqualTo("p1"));
        p.ok("wssend", p.server, c.id(), "ping", "");
        assertThat(client.next()).isInstanceOfSatisfying(Ping.class, ping -> assertThat(ping.data()).isEmpty());
        p.ok("wssend", p.server, c.id(), "pong", "q1");
        assertThat(client.next()).isInstanceOfSatisfying(Pong.class,
                pong -> assertThat(new String(pong.data(), StandardCharsets.UTF_8)).isEqualTo("q1"));
        // the client's automatic pongs went to the handler, not to the actor; the connection goes on
        assertThat(client.send("still open").nextText()).isEqualTo("echo: still open");
        p.awaitLine("ws-message ws-echo " + c.id() + " text still open"); // the log may lag behind the answer
        assertThat(logs.of(p.actor.id()).stream().filter(l -> l.startsWith("ws-message "))).hasSize(1);
    }

    @Test
    void sendWebSocketMessageRefusesConnectOtherABigPingAndUnknownIdsLeavingTheConnectionOpen() {
        WsProbe p = probe();
        Connection c = p.openWs();
        assertThat(p.err("wssend", p.server, c.id(), "connect", ""))
                .isEqualTo("send-websocket-message: a connect message cannot be sent (only text, binary, ping, pong and close can)");
        assertThat(p.err("wssend", p.server, c.id(), "other:custom", ""))
                .isEqualTo("send-websocket-message: a other(custom) message cannot be sent (only text, binary, ping, pong and close can)");
        assertThat(p.err("wssend", p.server, c.id(), "ping", "x".repeat(126)))
                .isEqualTo("send-websocket-message: a ping carries at most 125 bytes, found 126");
        assertThat(p.err("wssend", p.server, c.id(), "pong", "x".repeat(126)))
                .isEqualTo("send-websocket-message: a pong carries at most 125 bytes, found 126");
        assertThat(p.err("wssend", p.server, "999999", "text", "x"))
                .isEqualTo("send-websocket-message: server " + p.server + " has no open WebSocket connection 999999");
        assertThat(p.err("wssend", "999999", c.id(), "text", "x")).startsWith("send-websocket-message: unknown server id 999999");
        assertThat(p.err("wsclose", p.server, "999999"))
                .isEqualTo("close-websocket: server " + p.server + " has no open WebSocket connection 999999");
        assertThat(p.err("wsclose", "999999", c.id())).startsWith("close-websocket: unknown server id 999999");
        p.ok("wssend", p.server, c.id(), "ping", "x".repeat(125));
        assertThat(c.client().next()).isInstanceOf(Ping.class);
        // nothing was sent for the refused calls, and the connection is open
        assertThat(c.client().send("still open").nextText()).isEqualTo("echo: still open");
        assertThat(c.client().drained()).isTrue();
    }

    @Test
    void anotherActorsServerAndConnectionIdsAreUnknown() {
        WsProbe mine = WsProbe.start(app, logs, "mine", "");
        WsProbe theirs = WsProbe.start(app, logs, "theirs", "");
        Connection their = theirs.openWs();
        assertThat(mine.err("wssend", theirs.server, their.id(), "text", "x")).startsWith(
                "send-websocket-message: unknown server id " + theirs.server + " (actor 'mine' has [" + mine.server + "])");
        assertThat(mine.err("wssend", mine.server, their.id(), "text", "x"))
                .isEqualTo("send-websocket-message: server " + mine.server + " has no open WebSocket connection " + their.id());
        assertThat(mine.err("wsclose", mine.server, their.id()))
                .isEqualTo("close-websocket: server " + mine.server + " has no open WebSocket connection " + their.id());
        assertThat(mine.err("unws", theirs.server, "/ws")).startsWith("disable-websocket: unknown server id " + theirs.server);
        assertThat(their.client().send("untouched").nextText()).isEqualTo("echo: untouched");
    }

    // --- the upgrade request ---------------------------------------------------------------------------------------

    @Test
    void middlewareRunsOnTheUpgradeRequestAndADenialRefusesItWith403() {
        WsProbe p = probe();
        String pass = WebApp.register(p.actor, "mw-pass");
        String deny = WebApp.register(p.actor, "mw-deny");
        p.ok("mw", p.server, "/ws", pass);
        p.ok("ws", p.server, "/guarded", p.conn, p.echo, p.disc);
        p.ok("mw", p.server, "/guarded", deny);

        Connection c = p.openWs();
        p.awaitLine("middleware mw-pass /ws");
        assertThat(c.client().send("through").nextText()).isEqualTo("echo: through");

        assertThat(WsClient.refused(p.port, "/guarded")).isEqualTo(403);
        p.awaitLine("middleware mw-deny /guarded");
        assertThat(p.events(WsProbe.OPENED)).hasSize(1); // the refused upgrade opened nothing
        assertThat(logs.of(p.actor.id())).noneMatch(l -> l.startsWith("ws-connect conn") && l.contains("/guarded"));
    }

    @Test
    void aMiddlewareErrOnTheUpgradeRequestRefusesItWith500() {
        WsProbe p = probe();
        p.ok("mw", p.server, "/ws", WebApp.register(p.actor, "mw-err"));
        assertThat(WsClient.refused(p.port, "/ws")).isEqualTo(500);
        p.awaitLine("middleware mw-err /ws");
        assertThat(p.events(WsProbe.OPENED)).isEmpty();
    }

    @Test
    void anHttpRouteAndAWebSocketShareAPathTheUpgradeHeaderTellsThemApart() {
        WsProbe p = probe();
        assertThat(WebApp.get(p.port, "/ws").statusCode()).isEqualTo(404); // a WebSocket path is no HTTP route
        p.ok("route", p.server, "/ws", "GET", WebApp.register(p.actor, "echo"));
        assertThat(WebApp.get(p.port, "/ws").body()).isEqualTo("GET /ws");
        assertThat(p.openWs().client().send("upgraded").nextText()).isEqualTo("echo: upgraded");
    }

    @Test
    void anUpgradeRequestThatIsNotAValidWebSocketHandshakeIsABadRequest() throws Exception {
        WsProbe p = probe();
        try (Socket socket = new Socket("127.0.0.1", p.port)) {
            socket.setSoTimeout((int) WsClient.WAIT.toMillis());
            // no Sec-WebSocket-Key nor Sec-WebSocket-Version
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).startsWith("HTTP/1.1 400 ");
        }
        assertThat(p.events(WsProbe.OPENED)).isEmpty();
    }

    @Test
    void anUpgradeOnAPathWithoutWebSocketsIsNotFound() {
        WsProbe p = probe();
        assertThat(WsClient.refused(p.port, "/elsewhere")).isEqualTo(404);
        assertThat(WsClient.refused(p.port, "/ws/deeper")).isEqualTo(404); // a WebSocket path is exact
        assertThat(p.events(WsProbe.OPENED)).isEmpty();
    }
}
