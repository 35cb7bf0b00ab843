package dev.theater.handler.httpframework;

import static dev.theater.handler.httpframework.WebApp.get;
import static dev.theater.handler.httpframework.WebApp.ok;
import static dev.theater.handler.httpframework.WebApp.register;
import static dev.theater.handler.httpframework.WebApp.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.json.JsonValue.JObject;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a client gets when the actor fails it, through the real web-probe guest on 127.0.0.1: an {@code err} is 500
 * with nothing of the actor's error in the body (it is in the chain); a trap is the same 500 and the actor fails, its
 * servers closing with their ports free at once; a response the server cannot send (a status that is not final, a
 * body on a 204) is 500 and recorded as {@code http-framework/bad-response}; a full mailbox is 503 with
 * {@code Retry-After}; and what the actor may answer (its own 4xx, no body, a large body) goes out as it is.
 */
class HttpFrameworkFailuresTest extends WebAppTest {

    /** A running server of {@code actor} with {@code GET path} routed to a new handler named {@code name}; its port. */
    private static int serve(ActorRef actor, String path, String name) {
        String sid = server(actor);
        ok(actor, "route", sid, path, "GET", register(actor, name));
        return WebApp.start(actor, sid);
    }

    @Test
    void anErrFromHandleRequestIs500WithNothingOfTheErrorAndTheActorGoesOn() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        ok(a, "route", sid, "/err", "GET", register(a, "err"));
        ok(a, "route", sid, "/ok", "GET", register(a, "fine"));
        int port = WebApp.start(a, sid);
        HttpResponse<String> r = get(port, "/err");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("500 Internal Server Error\n");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(get(port, "/ok").body()).isEqualTo("fine");
        assertThat(a.status()).isEqualTo(ActorStatus.RUNNING);
        assertThat(a.chain().stream().anyMatch(e -> e.dataAsString().contains("secret internal detail 42"))).isTrue();
    }

    @Test
    void aTrapInHandleRequestIs500TheActorFailsAndItsServersClose() throws Exception {
        ActorRef a = app.web("web", "");
        int port = serve(a, "/trap", "trap");
        HttpResponse<String> r = get(port, "/trap");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("500 Internal Server Error\n");
        assertThat(a.stopped().get(30, TimeUnit.SECONDS)).isEqualTo(ActorStatus.FAILED);
        HttpFrameworkGuestTest.assertRefused(port);
        HttpFrameworkGuestTest.bindAndClose(port);
        assertThat(Recorded.events(a, HttpFrameworkHandler.SERVER_STOPPED)).extracting(e -> Recorded.field(e, "reason"))
                .containsExactly("the actor stopped");
    }

    @Test
    void aStatusThatIsNotFinalOrABodyOnA204Is500AndRecordedAsABadResponse() {
        ActorRef a = app.web("web", "");
        String sid = server(a);
        ok(a, "route", sid, "/status", "GET", register(a, "status"));
        ok(a, "route", sid, "/empty", "GET", register(a, "big"));
        int port = WebApp.start(a, sid);
        for (String status : List.of("0", "99", "101", "199", "600", "65535")) {
            HttpResponse<String> r = get(port, "/status", "x-status", status);
            assertThat(r.statusCode()).as("actor status " + status).isEqualTo(500);
            assertThat(r.body()).isEqualTo("500 Internal Server Error\n");
        }
        List<JObject> bad = Recorded.await(a, HttpFrameworkHandler.BAD_RESPONSE, 6);
        assertThat(bad).extracting(e -> Recorded.field(e, "problem")).containsExactly(
                "status 0 is not a final HTTP status (200..599)", "status 99 is not a final HTTP status (200..599)",
                "status 101 is not a final HTTP status (200..599)", "status 199 is not a final HTTP status (200..599)",
                "status 600 is not a final HTTP status (200..599)", "status 65535 is not a final HTTP status (200..599)");
        assertThat(bad).allSatisfy(e -> {
            assertThat(Recorded.field(e, "server")).isEqualTo(sid);
            assertThat(Recorded.field(e, "method")).isEqualTo("GET");
            assertThat(Recorded.field(e, "path")).isEqualTo("/status");
        });

        // what the actor may say goes out as it is: its own 404 and 204 with no body, a 599
        HttpResponse<String> notFound = get(port, "/status", "x-status", "404");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEmpty();
        assertThat(get(port, "/status", "x-status", "204").statusCode()).isEqualTo(204);
        assertThat(get(port, "/status", "x-status", "599").statusCode()).isEqualTo(599);
        assertThat(Recorded.events(a, HttpFrameworkHandler.BAD_RESPONSE)).hasSize(6);
    }

    @Test
    void aLargeResponseBodyIsSentWhole() {
        ActorRef a = app.web("web", "");
        int port = serve(a, "/big", "big");
        int size = 3 * 1024 * 1024;
        HttpResponse<String> r = get(port, "/big", "x-size", "" + size);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-length")).hasValue("" + size);
        assertThat(r.body()).hasSize(size).matches("b+");
        assertThat(get(port, "/big", "x-size", "0").body()).isEmpty();
    }

    @Test
    void aFullMailboxIs503WithRetryAfterAndNothingIsLost() throws Exception {
        ActorRef a = app.theater.start(app.write("busy.toml", WebApp.manifestStart("busy", "web-probe")
                + WebApp.handler("timing", "") + WebApp.handler("http-framework", "")
                + "[limits]\nmailbox_capacity = 1\n"));
        String sid = server(a);
        ok(a, "route", sid, "/slow", "GET", register(a, "slow"));
        ok(a, "route", sid, "/now", "GET", register(a, "now"));
        int port = WebApp.start(a, sid);

        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
                () -> get(port, "/slow", "x-sleep-ms", "4000"));
        logs.await(a.id(), "request slow GET /slow");      // the actor is busy in it for 4 s
        a.send(("noop").getBytes(StandardCharsets.UTF_8)); // and its one mailbox slot is taken
        HttpResponse<String> busy = get(port, "/now");
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.body()).isEqualTo("503 Service Unavailable: the actor is busy\n");
        assertThat(busy.headers().firstValue("retry-after")).hasValue("1");

        assertThat(slow.get(30, TimeUnit.SECONDS).body()).isEqualTo("late"); // the busy call itself completes
        logs.await(a.id(), "unknown command noop");                          // and so does the queued message
        assertThat(get(port, "/now").body()).isEqualTo("now");               // room again
        logs.await(a.id(), "request now GET /now"); // the log may lag behind the answer
        assertThat(logs.of(a.id())).filteredOn(l -> l.equals("request now GET /now")).as("the 503 never reached the actor")
                .hasSize(1);
    }
}
