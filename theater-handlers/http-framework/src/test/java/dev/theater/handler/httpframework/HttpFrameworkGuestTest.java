package dev.theater.handler.httpframework;

import static dev.theater.handler.httpframework.WebApp.err;
import static dev.theater.handler.httpframework.WebApp.get;
import static dev.theater.handler.httpframework.WebApp.ok;
import static dev.theater.handler.httpframework.WebApp.register;
import static dev.theater.handler.httpframework.WebApp.send;
import static dev.theater.handler.httpframework.WebApp.server;
import static dev.theater.handler.httpframework.WebApp.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.json.JsonValue.JObject;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.handler.testing.GuestFolder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The http-framework host functions through real C guests (test-actors/web-probe and its variants web-routes and
 * web-wsonly, test-actors/README.md) serving real HTTP on 127.0.0.1 to the JDK's HttpClient: a server's life
 * (create, info, start, stop, start again, destroy) with its chain events, handler registration, routes and
 * middleware changing while the server runs, ids being an actor's own, ports (busy, rebound at once after a stop or
 * after the actor stops), the request an actor gets, export calls recorded, and the rule that an export is needed
 * only by the feature that calls it. Routing, middleware, failures, WebSockets, TLS and limits have their own tests.
 */
class HttpFrameworkGuestTest extends WebAppTest {

    static final String STARTED = HttpFrameworkHandler.SERVER_STARTED;
    static final String STOPPED = HttpFrameworkHandler.SERVER_STOPPED;

    // --- a server's life ------------------------------------------------------------------------------------------

    @Test
    void aServerIsCreatedStartedStoppedStartedAgainAndDestroyedWithEachStepInItsInfoAndChain() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        assertThat(ok(a, "info", sid))
                .isEqualTo("id=" + sid + " port=0 host=127.0.0.1 running=0 routes=0 middleware=0 websocket=0");
        String hid = register(a, "echo");
        ok(a, "route", sid, "/", "GET", hid);

        int port = start(a, sid);
        assertThat(port).isPositive();
        assertThat(ok(a, "info", sid))
                .isEqualTo("id=" + sid + " port=" + port + " host=127.0.0.1 running=1 routes=1 middleware=0 websocket=0");
        assertThat(get(port, "/").body()).isEqualTo("GET /");
        assertThat(err(a, "start", sid)).isEqualTo("start-server: server " + sid + " is already running on port " + port);

        ok(a, "stop", sid);
        assertThat(ok(a, "info", sid)).contains("port=0").contains("running=0").contains("routes=1");
        assertRefused(port);
        assertThat(err(a, "stop", sid)).isEqualTo("stop-server: server " + sid + " is not running");

        int again = start(a, sid); // the routes stayed
        assertThat(get(again, "/").body()).isEqualTo("GET /");

        ok(a, "destroy", sid);
        assertRefused(again);
        assertThat(err(a, "info", sid)).isEqualTo("get-server-info: unknown server id " + sid + " (actor 'web' has [])");
        assertThat(err(a, "start", sid)).startsWith("start-server: unknown server id " + sid);
        assertThat(err(a, "stop", sid)).startsWith("stop-server: unknown server id " + sid);
        assertThat(err(a, "destroy", sid)).startsWith("destroy-server: unknown server id " + sid);
        assertThat(err(a, "route", sid, "/", "GET", hid)).startsWith("add-route: unknown server id " + sid);

        List<JObject> started = Recorded.events(a, STARTED);
        assertThat(started).extracting(e -> Recorded.field(e, "port")).containsExactly("" + port, "" + again);
        assertThat(started).allSatisfy(e -> {
            assertThat(Recorded.field(e, "server")).isEqualTo(sid);
            assertThat(Recorded.field(e, "host")).isEqualTo("127.0.0.1");
            assertThat(Recorded.field(e, "tls")).isEqualTo("false");
        });
        assertThat(Recorded.events(a, STOPPED)).extracting(e -> Recorded.field(e, "reason"))
                .containsExactly("stop-server", "destroy-server");
    }

    @Test
    void destroyingAStoppedServerForgetsItAndItsRoutesAndMiddleware() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        String hid = register(a, "echo");
        String rid = ok(a, "route", sid, "/", "GET", hid);
        String mid = ok(a, "mw", sid, "/", register(a, "mw-pass"));
        ok(a, "destroy", sid);
        assertThat(err(a, "unroute", rid)).isEqualTo("remove-route: unknown route id " + rid);
        assertThat(err(a, "unmw", mid)).isEqualTo("remove-middleware: unknown middleware id " + mid);
        assertThat(Recorded.events(a, STOPPED)).isEmpty(); // it never ran
    }

    @Test
    void anActorHasSeveralServersEachWithItsOwnPortAndRoutes() {
        ActorRef a = app.web("web", "");
        String one = server(a);
        String two = server(a);
        ok(a, "route", one, "/", "GET", register(a, "first"));
        ok(a, "route", two, "/", "GET", register(a, "second"));
        int p1 = start(a, one);
        int p2 = start(a, two);
        assertThat(p1).isNotEqualTo(p2);
        assertThat(get(p1, "/").body()).isEqualTo("first");
        assertThat(get(p2, "/").body()).isEqualTo("second");
        ok(a, "stop", one);
        assertRefused(p1);
        assertThat(get(p2, "/").body()).isEqualTo("second");
    }

    // --- register-handler -----------------------------------------------------------------------------------------

    @Test
    void registerHandlerGivesDistinctIdsAndRefusesEmptyAndOverlongNames() {
        ActorRef a = app.web("web", "");
        String x = register(a, "x");
        String y = register(a, "x"); // a name is only a label: the same one twice is two handlers
        assertThat(x).isNotEqualTo(y);
        register(a, "n".repeat(256));
        assertThat(err(a, "register", "n".repeat(257)))
                .isEqualTo("register-handler: a handler name must be 1 to 256 characters, found 257");
        assertThat(err(a, "register", "")).isEqualTo("register-handler: a handler name must be 1 to 256 characters, found 0");
        assertThat(Recorded.raw(a, "theater:simple/http-framework/register-handler")).hasSize(5);
    }

    // --- tables that change while the server runs -----------------------------------------------------------------

    @Test
    void routesAndMiddlewareAddedAndRemovedWhileTheServerRunsTakeEffectAtOnce() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        int port = start(a, sid);
        assertThat(get(port, "/items").statusCode()).isEqualTo(404);

        String rid = ok(a, "route", sid, "/items", "GET", register(a, "echo"));
        assertThat(get(port, "/items").body()).isEqualTo("GET /items");
        assertThat(ok(a, "info", sid)).contains("routes=1");

        String tag = register(a, "mw-tag");
        String mid = ok(a, "mw", sid, "/", tag);
        assertThat(get(port, "/items").headers().firstValue("x-h-x-mw")).hasValue("mw-tag-" + tag);
        assertThat(ok(a, "info", sid)).contains("middleware=1");
        ok(a, "unmw", mid);
        assertThat(get(port, "/items").headers().firstValue("x-h-x-mw")).isEmpty();
        assertThat(err(a, "unmw", mid)).isEqualTo("remove-middleware: unknown middleware id " + mid);

        ok(a, "unroute", rid);
        assertThat(get(port, "/items").statusCode()).isEqualTo(404);
        assertThat(err(a, "unroute", rid)).isEqualTo("remove-route: unknown route id " + rid);
        assertThat(ok(a, "info", sid)).contains("routes=0").contains("middleware=0");
    }

    // --- ids are an actor's own -----------------------------------------------------------------------------------

    @Test
    void anotherActorsServerHandlerRouteAndMiddlewareIdsAreUnknown() {
        ActorRef a = app.web("alice", "");
        ActorRef b = app.web("bob", "");
        String sid = server(a);
        String hid = register(a, "echo");
        String rid = ok(a, "route", sid, "/", "GET", hid);
        String mid = ok(a, "mw", sid, "/", hid);
        int port = start(a, sid);
        String bobs = server(b);

        assertThat(err(b, "info", sid)).isEqualTo("get-server-info: unknown server id " + sid + " (actor 'bob' has [" + bobs + "])");
        assertThat(err(b, "start", sid)).startsWith("start-server: unknown server id " + sid);
        assertThat(err(b, "stop", sid)).startsWith("stop-server: unknown server id " + sid);
        assertThat(err(b, "destroy", sid)).startsWith("destroy-server: unknown server id " + sid);
        assertThat(err(b, "route", sid, "/x", "GET", register(b, "echo"))).startsWith("add-route: unknown server id " + sid);
        assertThat(err(b, "mw", sid, "/x", register(b, "echo"))).startsWith("add-middleware: unknown server id " + sid);
        assertThat(err(b, "route", bobs, "/", "GET", hid))
                .isEqualTo("add-route: unknown handler id " + hid + " (register-handler gives one)");
        assertThat(err(b, "mw", bobs, "/", hid))
                .isEqualTo("add-middleware: unknown handler id " + hid + " (register-handler gives one)");
        assertThat(err(b, "unroute", rid)).isEqualTo("remove-route: unknown route id " + rid);
        assertThat(err(b, "unmw", mid)).isEqualTo("remove-middleware: unknown middleware id " + mid);

        // none of bob's attempts touched alice's server
        assertThat(ok(a, "info", sid)).contains("running=1").contains("routes=1").contains("middleware=1");
        assertThat(get(port, "/").body()).isEqualTo("GET /");
    }

    // --- ports ----------------------------------------------------------------------------------------------------

    @Test
    void startingOnABusyPortIsAnErrAndTheServerStartsOnceThePortIsFree() throws IOException {
        ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int busy = taken.getLocalPort();
        ActorRef a = app.web("web", "allowed_ports = [" + busy + "]");
        String sid = ok(a, "create", "" + busy, "-", "-", "-");
        ok(a, "route", sid, "/", "GET", register(a, "echo"));
        try (taken) {
            assertThat(err(a, "start", sid)).startsWith("start-server: cannot listen on 127.0.0.1:" + busy
                    + ": the port is in use, or the address is not this machine's (");
            assertThat(ok(a, "info", sid)).contains("running=0");
        }
        assertThat(start(a, sid)).isEqualTo(busy);
        assertThat(get(busy, "/").body()).isEqualTo("GET /");
    }

    @Test
    void aStoppedServersPortCanBeBoundAgainAtOnce() throws IOException {
        int port = freePort();
        ActorRef a = app.web("web", "port = " + port);
        String sid = ok(a, "create", "-", "-", "-", "-"); // port none: the config's
        ok(a, "route", sid, "/", "GET", register(a, "echo"));
        assertThat(start(a, sid)).isEqualTo(port);
        assertThat(get(port, "/").statusCode()).isEqualTo(200); // a keep-alive connection stays open in the client
        ok(a, "stop", sid);
        bindAndClose(port);
        assertThat(start(a, sid)).isEqualTo(port);
        assertThat(get(port, "/").statusCode()).isEqualTo(200);
    }

    @Test
    void anActorThatStopsClosesItsServersAndTheirPortsCanBeBoundAgainAtOnce() throws Exception {
        ActorRef a = app.web("web", "");
        String one = server(a);
        String two = server(a);
        String hid = register(a, "echo");
        ok(a, "route", one, "/", "GET", hid);
        ok(a, "route", two, "/", "GET", hid);
        int p1 = start(a, one);
        int p2 = start(a, two);
        assertThat(get(p1, "/").statusCode()).isEqualTo(200);

        a.stop();
        a.stopped().get(30, TimeUnit.SECONDS);
        assertRefused(p1);
        assertRefused(p2);
        bindAndClose(p1);
        bindAndClose(p2);
        assertThat(Recorded.events(a, STOPPED)).extracting(e -> Recorded.field(e, "reason"))
                .containsExactly("the actor stopped", "the actor stopped");
    }

    // --- the request the actor gets, and the export call in the chain ------------------------------------------------

    @Test
    void theActorGetsTheMethodTheUriAsSentWithItsQueryLowerCaseHeadersInOrderAndTheBody() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        ok(a, "route", sid, "/echo/{*rest}", "*", register(a, "echo"));
        int port = start(a, sid);

        HttpResponse<String> r = get(port, "/echo/a%20b/c?x=1&y=%41", "X-First", "1", "X-Second", "2");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("GET /echo/a%20b/c?x=1&y=%41"); // body none: the echo answers method and uri
        List<String> names = r.headers().map().keySet().stream().filter(n -> n.startsWith("x-h-")).toList();
        assertThat(names).contains("x-h-x-first", "x-h-x-second", "x-h-host");
        assertThat(r.headers().firstValue("x-h-x-first")).hasValue("1");
        assertThat(r.headers().firstValue("x-h-x-route-param-rest")).hasValue("a b/c");
        assertThat(r.headers().firstValue("x-handler")).hasValue("echo");
        assertThat(r.headers().firstValue("server")).isEmpty();

        assertThat(send(port, "POST", "/echo/p", "a body", "content-type", "text/plain").body()).isEqualTo("a body");
        assertThat(send(port, "PUT", "/echo/p", "", "content-type", "text/plain").body())
                .as("an empty body is none").isEqualTo("PUT /echo/p");
        String utf8 = "h\u00e9llo \u2603";
        HttpResponse<String> post = send(port, "POST", "/echo/u", utf8);
        assertThat(post.body()).isEqualTo(utf8);
        assertThat(post.headers().firstValue("content-length")).hasValue("" + utf8.getBytes(StandardCharsets.UTF_8).length);

        logs.await(a.id(), "request echo POST /echo/p");
        // the export calls are in the chain, with the request the actor got
        assertThat(a.chain().stream().filter(e -> e.dataAsString().contains("handle-request")
                && e.dataAsString().contains("/echo/a%20b/c?x=1&y=%41"))).isNotEmpty();
    }

    @Test
    void theStateAnExportReturnsIsKeptForTheNextCall() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        ok(a, "route", sid, "/count", "POST", register(a, "count"));
        int port = start(a, sid);
        for (int i = 1; i <= 3; i++) {
            assertThat(send(port, "POST", "/count", null).body()).isEqualTo("" + i);
        }
        assertThat(a.state()).hasValueSatisfying(s -> assertThat(new String(s, StandardCharsets.UTF_8)).isEqualTo("3"));
    }

    @Test
    void anExportCanCallHostFunctionsAndGetsTheirErrs() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        ok(a, "route", sid, "/", "GET", register(a, "crash-in-host"));
        int port = start(a, sid);
        assertThat(get(port, "/").body()).isEqualTo("start-server: unknown server id 999999 (actor 'web' has [" + sid + "])");
        assertThat(a.status()).isEqualTo(ActorStatus.RUNNING);
    }

    // --- exports are needed only by the features that call them -----------------------------------------------------

    @Test
    void anActorExportingOnlyHandleRequestServesRoutesAndIsRefusedMiddlewareAndWebSockets() {
        ActorRef a = variant("routes", "web-routes");
        String sid = server(a);
        String hid = register(a, "echo");
        ok(a, "route", sid, "/", "GET", hid);
        int port = start(a, sid);
        assertThat(get(port, "/").body()).isEqualTo("GET /");
        assertThat(err(a, "mw", sid, "/", hid)).isEqualTo("add-middleware: actor 'routes' does not export"
                + " theater:simple/http-handlers#handle-middleware, so a middleware would have nothing to call");
        assertThat(err(a, "ws", sid, "/ws", "-", hid, "-")).isEqualTo("enable-websocket: actor 'routes' does not export"
                + " theater:simple/http-handlers#handle-websocket-message, so a WebSocket would have nothing to call");
        assertThat(ok(a, "info", sid)).contains("middleware=0").contains("websocket=0");
    }

    @Test
    void anActorExportingOnlyTheMessageExportIsRefusedRoutesMiddlewareAndConnectOrDisconnectHandlers() {
        ActorRef a = variant("sockets", "web-wsonly");
        String sid = server(a);
        String hid = register(a, "ws-echo");
        assertThat(err(a, "route", sid, "/", "GET", hid)).isEqualTo("add-route: actor 'sockets' does not export"
                + " theater:simple/http-handlers#handle-request, so a route would have nothing to call");
        assertThat(err(a, "mw", sid, "/", hid)).startsWith("add-middleware: actor 'sockets' does not export"
                + " theater:simple/http-handlers#handle-middleware");
        assertThat(err(a, "ws", sid, "/ws", hid, hid, "-")).isEqualTo("enable-websocket: actor 'sockets' does not export"
                + " theater:simple/http-handlers#handle-websocket-connect, so a connect handler would have nothing to call");
        assertThat(err(a, "ws", sid, "/ws", "-", hid, hid)).isEqualTo("enable-websocket: actor 'sockets' does not export"
                + " theater:simple/http-handlers#handle-websocket-disconnect, so a disconnect handler would have nothing to call");
        ok(a, "ws", sid, "/ws", "-", hid, "-");
        int port = start(a, sid);
        try (WsClient ws = WsClient.open(port, "/ws")) {
            assertThat(ws.send("hi").nextText()).isEqualTo("echo: hi");
        }
        assertThat(get(port, "/").statusCode()).isEqualTo(404);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private ActorRef variant(String name, String guest) {
        GuestFolder.copyGuest(guest, folder);
        return app.theater.start(app.write(name + ".toml",
                WebApp.manifestStart(name, guest) + WebApp.handler("timing", "") + WebApp.handler("http-framework", "")));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The port is free: a listening socket binds it (at once: no wait for the old one to go). */
    static void bindAndClose(int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(s.getLocalPort()).isEqualTo(port);
        }
    }

    /** Nothing listens on the port: a new connection is refused. */
    static void assertRefused(int port) {
        assertThatThrownBy(() -> new java.net.Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }
}
