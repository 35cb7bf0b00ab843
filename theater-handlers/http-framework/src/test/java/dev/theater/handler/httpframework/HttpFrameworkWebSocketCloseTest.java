package dev.theater.handler.httpframework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.json.JsonValue.JObject;
import dev.theater.core.ActorStatus;
import dev.theater.handler.httpframework.WsClient.Close;
import dev.theater.handler.httpframework.WsProbe.Connection;
import dev.theater.handler.testing.Logs;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a WebSocket connection of the http-framework handler ends, through the real web-probe guest and the JDK's
 * WebSocket client on 127.0.0.1: for every way (the client, the actor's returned close, send-websocket-message
 * close, close-websocket, disable-websocket, stop-server, destroy-server, an oversized message, an err of an
 * export, the client vanishing) the client sees the close code and handle-websocket-disconnect runs exactly once
 * for that connection; when the actor itself stops it is not called and only {@code http-framework/websocket-closed}
 * (disconnect_called false) is recorded.
 */
class HttpFrameworkWebSocketCloseTest {

    @TempDir
    Path folder;
    @TempDir
    Path home;
    private final Logs logs = new Logs();
    private WebApp app;

    @BeforeEach
    void start() {
        app = new WebApp(folder, home, b -> b.chainListeners(logs));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private WsProbe probe() {
        return WsProbe.start(app, logs, "web", "");
    }

    /** The connection was recorded closed once, with {@code code}, and the disconnect export ran once for it. */
    private static void closedOnce(WsProbe p, Connection c, int code) {
        assertThat(p.disconnects(c.id())).as("disconnect calls for " + c.id()).isEqualTo(1);
        JObject closed = p.awaitClosed(c.id());
        assertThat(p.events(WsProbe.CLOSED, c.id())).hasSize(1);
        assertThat(WsProbe.field(closed, "code")).isEqualTo(Integer.toString(code));
        assertThat(WsProbe.field(closed, "disconnect_called")).isEqualTo("true");
    }

    @Test
    void theClientClosingFirstCallsDisconnectOnce() {
        WsProbe p = probe();
        Connection c = p.openWs();
        c.client().sendClose(4000, "leaving");
        assertThat(c.client().nextClose().code()).isEqualTo(4000); // the server's reply
        closedOnce(p, c, 4000);
        assertThat(WsProbe.field(p.awaitClosed(c.id()), "reason")).isEqualTo("leaving");
        assertThat(p.err("wssend", p.server, c.id(), "text", "late"))
                .isEqualTo("send-websocket-message: server " + p.server + " has no open WebSocket connection " + c.id());
    }

    @Test
    void theClientVanishingWithoutACloseCallsDisconnectOnce() {
        WsProbe p = probe();
        Connection c = p.openWs();
        c.client().close(); // aborts: the TCP connection ends with no close frame
        closedOnce(p, c, 1006); // abnormal closure
    }

    @Test
    void aCloseReturnedByTheMessageExportClosesTheConnectionAndCallsDisconnectOnce() {
        WsProbe p = probe();
        Connection c = p.openWs();
        c.client().send("close-me");
        assertThat(c.client().nextClose().code()).isEqualTo(1000);
        closedOnce(p, c, 1000);
    }

    @Test
    void sendWebSocketMessageOfTypeCloseClosesTheConnectionAndLaterSendsAreErrors() {
        WsProbe p = probe();
        Connection c = p.openWs();
        p.closing("wssend", p.server, c.id(), "close", "");
        assertThat(c.client().nextClose().code()).isEqualTo(1000);
        closedOnce(p, c, 1000);
        assertThat(p.err("wssend", p.server, c.id(), "text", "late"))
                .isEqualTo("send-websocket-message: server " + p.server + " has no open WebSocket connection " + c.id());
        assertThat(p.err("wssend", p.server, c.id(), "close", ""))
                .isEqualTo("send-websocket-message: server " + p.server + " has no open WebSocket connection " + c.id());
    }

    @Test
    void closeWebSocketClosesTheConnectionAndCallsDisconnectOnce() {
        WsProbe p = probe();
        Connection c = p.openWs();
        Connection other = p.openWs();
        p.closing("wsclose", p.server, c.id());
        Close close = c.client().nextClose();
        assertThat(close.code()).isEqualTo(1000);
        assertThat(close.reason()).isEqualTo("closed by the actor");
        closedOnce(p, c, 1000);
        assertThat(p.err("wsclose", p.server, c.id()))
                .isEqualTo("close-websocket: server " + p.server + " has no open WebSocket connection " + c.id());
        assertThat(other.client().send("unaffected").nextText()).isEqualTo("echo: unaffected");
    }

    @Test
    void disableWebSocketClosesItsPathsConnectionsAndNewUpgradesAreNotFound() {
        WsProbe p = probe();
        p.ok("ws", p.server, "/other", p.conn, p.echo, p.disc);
        Connection a = p.openWs();
        Connection b = p.openWs();
        Connection other = p.open("/other");
        // its connect call may still be running: the unws below expects its own line first
        p.awaitLine("ws-connect conn " + other.id() + " /other -");
        p.closing("unws", p.server, "/ws");
        assertThat(a.client().nextClose().code()).isEqualTo(1001);
        assertThat(b.client().nextClose().code()).isEqualTo(1001);
        closedOnce(p, a, 1001);
        closedOnce(p, b, 1001);
        assertThat(WsClient.refused(p.port, "/ws")).isEqualTo(404);
        assertThat(p.err("unws", p.server, "/ws")).isEqualTo("disable-websocket: server " + p.server + " accepts no WebSockets on /ws");
        assertThat(p.err("unws", p.server, "/never")).isEqualTo("disable-websocket: server " + p.server + " accepts no WebSockets on /never");
        assertThat(p.ok("info", p.server)).endsWith("websocket=1"); // /other
        assertThat(other.client().send("unaffected").nextText()).isEqualTo("echo: unaffected");
        assertThat(logs.of(p.actor.id())).doesNotContain("ws-disconnect disc " + other.id());
        // enabled again, the path accepts again
        p.ok("ws", p.server, "/ws", p.conn, p.echo, p.disc);
        assertThat(p.openWs().client().send("back").nextText()).isEqualTo("echo: back");
    }

    @Test
    void stopServerClosesItsConnectionsCallingDisconnectOnceEach() {
        WsProbe p = probe();
        Connection a = p.openWs();
        Connection b = p.openWs();
        p.closing("stop", p.server);
        assertThat(a.client().nextClose().code()).isEqualTo(1001);
        assertThat(b.client().nextClose().code()).isEqualTo(1001);
        closedOnce(p, a, 1001);
        closedOnce(p, b, 1001);
        // started again, the server accepts WebSockets on the same path
        p.port = WebApp.start(p.actor, p.server);
        assertThat(p.openWs().client().send("again").nextText()).isEqualTo("echo: again");
    }

    @Test
    void destroyServerClosesItsConnectionsCallingDisconnectOnceEach() {
        WsProbe p = probe();
        Connection a = p.openWs();
        Connection b = p.openWs();
        p.closing("destroy", p.server);
        assertThat(a.client().nextClose().code()).isEqualTo(1001);
        assertThat(b.client().nextClose().code()).isEqualTo(1001);
        closedOnce(p, a, 1001);
        closedOnce(p, b, 1001);
        assertThat(p.err("wssend", p.server, a.id(), "text", "x")).startsWith("send-websocket-message: unknown server id " + p.server);
    }

    @Test
    void theActorStoppingClosesItsConnectionsWithoutCallingDisconnectAndRecordsTheClose() throws Exception {
        WsProbe p = probe();
        Connection a = p.openWs();
        Connection b = p.openWs();
        p.actor.stop();
        assertThat(p.actor.stopped().get(30, TimeUnit.SECONDS)).isEqualTo(ActorStatus.STOPPED);
        assertThat(a.client().nextClose().code()).isEqualTo(1001);
        assertThat(b.client().nextClose().code()).isEqualTo(1001);
        for (Connection c : new Connection[] {a, b}) {
            assertThat(p.events(WsProbe.CLOSED, c.id())).singleElement()
                    .satisfies(e -> assertThat(WsProbe.field(e, "disconnect_called")).isEqualTo("false"));
        }
        assertThat(logs.of(p.actor.id())).noneMatch(l -> l.startsWith("ws-disconnect"));
    }

    @Test
    void aMessageLargerThanTheLimitClosesTheConnectionWith1009() {
        WsProbe p = WsProbe.start(app, logs, "web", "max_websocket_message_bytes = 1024");
        Connection text = p.openWs();
        assertThat(text.client().send("x".repeat(1024)).nextText()).hasSize("echo: ".length() + 1024); // at the limit
        text.client().send("x".repeat(1025));
        assertThat(text.client().nextClose().code()).isEqualTo(1009);
        closedOnce(p, text, 1009);

        Connection binary = p.openWs();
        binary.client().sendBinary(new byte[1025]);
        assertThat(binary.client().nextClose().code()).isEqualTo(1009);
        closedOnce(p, binary, 1009);
        // neither oversized message reached the actor
        assertThat(logs.of(p.actor.id())).doesNotContain("ws-message ws-echo " + text.id() + " text " + "x".repeat(1025))
                .noneMatch(l -> l.startsWith("ws-message ws-echo " + binary.id()));
    }

    @Test
    void anErrFromTheMessageExportClosesTheConnectionWith1011AndCallsDisconnectOnce() {
        WsProbe p = probe();
        String err = WebApp.register(p.actor, "ws-err");
        p.ok("ws", p.server, "/err", p.conn, err, p.disc);
        Connection c = p.open("/err");
        c.client().send("anything");
        assertThat(c.client().nextClose().code()).isEqualTo(1011);
        closedOnce(p, c, 1011);
        p.awaitLine("ws-message ws-err " + c.id() + " text anything");
    }

    @Test
    void anErrFromTheConnectExportClosesTheConnectionWith1011AndCallsDisconnectOnce() {
        WsProbe p = probe();
        String refuse = WebApp.register(p.actor, "ws-connect-err");
        p.ok("ws", p.server, "/refused", refuse, p.echo, p.disc);
        Connection c = p.open("/refused");
        assertThat(c.client().nextClose().code()).isEqualTo(1011);
        closedOnce(p, c, 1011);
        p.awaitLine("ws-connect ws-connect-err " + c.id() + " /refused -");
        assertThat(logs.of(p.actor.id())).noneMatch(l -> l.startsWith("ws-message "));
    }
}
