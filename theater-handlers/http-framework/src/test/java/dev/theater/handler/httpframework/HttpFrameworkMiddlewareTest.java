package dev.theater.handler.httpframework;

import static dev.theater.handler.httpframework.WebApp.err;
import static dev.theater.handler.httpframework.WebApp.get;
import static dev.theater.handler.httpframework.WebApp.ok;
import static dev.theater.handler.httpframework.WebApp.register;
import static dev.theater.handler.httpframework.WebApp.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Middleware of the http-framework handler through the real web-probe guest on 127.0.0.1: whole-segment path
 * matching ({@code /api} is not a prefix of {@code /apiary}, a bug of the Rust original), the documented order,
 * each middleware getting the request the previous one passed on, the route matched on the rewritten request,
 * {@code proceed = false} as 403, an {@code err} or a trap as 500 with nothing of the actor in the body, and
 * {@code add-middleware}'s refusals.
 */
class HttpFrameworkMiddlewareTest extends WebAppTest {

    private ActorRef a;
    private String sid;
    private int port;

    @BeforeEach
    void setUp() {
        a = app.web("web", "");
        sid = server(a);
        port = WebApp.start(a, sid);
    }

    /** Adds middleware on {@code path} with a new handler named {@code name}; returns the handler id. */
    private String middleware(String path, String name) {
        String hid = register(a, name);
        ok(a, "mw", sid, path, hid);
        return hid;
    }

    private void echoOn(String... paths) {
        String echo = register(a, "echo");
        for (String p : paths) {
            ok(a, "route", sid, p, "GET", echo);
        }
    }

    @Test
    void middlewareRunsForItsPathAndWhatIsUnderItNotForPathsThatOnlyShareCharacters() {
        echoOn("/api", "/api/users", "/apiary", "/");
        String tag = middleware("/api", "mw-tag");
        assertThat(get(port, "/api").headers().allValues("x-h-x-mw")).containsExactly("mw-tag-" + tag);
        assertThat(get(port, "/api/users").headers().allValues("x-h-x-mw")).containsExactly("mw-tag-" + tag);
        assertThat(get(port, "/apiary").headers().allValues("x-h-x-mw")).isEmpty();
        assertThat(get(port, "/").headers().allValues("x-h-x-mw")).isEmpty();
        // it runs before the route is matched: for a path no route answers too, and the 404 follows
        assertThat(get(port, "/api/none").statusCode()).isEqualTo(404);
        logs.await(a.id(), "middleware mw-tag /api/none");
        assertThat(logs.of(a.id())).noneMatch(l -> l.startsWith("middleware ") && l.contains("/apiary"));
    }

    @Test
    void middlewareRunsOutermostFirstThenInTheOrderAddedEachGettingWhatThePreviousPassedOn() {
        echoOn("/api/users");
        String inner = middleware("/api/users", "mw-tag");
        String api = middleware("/api", "mw-tag");
        String rootFirst = middleware("/", "mw-tag");
        String rootSecond = middleware("/", "mw-tag");
        String apiAgain = middleware("/api", "mw-tag");
        HttpResponse<String> r = get(port, "/api/users");
        // each tag adds a header to the request it got: the actor sees them in the order the middleware ran
        assertThat(r.headers().allValues("x-h-x-mw")).containsExactly("mw-tag-" + rootFirst, "mw-tag-" + rootSecond,
                "mw-tag-" + api, "mw-tag-" + apiAgain, "mw-tag-" + inner);
    }

    @Test
    void theRouteIsMatchedOnTheRequestTheLastMiddlewarePassedOn() {
        echoOn("/new/place");
        middleware("/", "mw-rewrite");
        HttpResponse<String> r = get(port, "/old", "x-rewrite", "/new/place?from=old");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("GET /new/place?from=old");
        assertThat(get(port, "/old").statusCode()).as("without a rewrite, no route").isEqualTo(404);
    }

    @Test
    void proceedFalseAnswers403AndTheRouteAndLaterMiddlewareAreNotCalled() {
        echoOn("/private");
        middleware("/", "mw-pass");
        middleware("/private", "mw-deny");
        middleware("/private", "mw-tag");
        HttpResponse<String> r = get(port, "/private");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("403 Forbidden\n");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        logs.await(a.id(), "middleware mw-deny /private");
        assertThat(logs.of(a.id())).contains("middleware mw-pass /private")
                .doesNotContain("middleware mw-tag /private").noneMatch(l -> l.startsWith("request "));
    }

    @Test
    void anErrFromMiddlewareAnswers500WithNothingOfTheErrAndTheActorGoesOn() {
        echoOn("/x", "/ok");
        middleware("/x", "mw-err");
        HttpResponse<String> r = get(port, "/x");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("500 Internal Server Error\n");
        assertThat(get(port, "/ok").statusCode()).isEqualTo(200);
        assertThat(a.status()).isEqualTo(ActorStatus.RUNNING);
        // the err is in the chain, not in the answer
        assertThat(a.chain().stream().anyMatch(e -> e.dataAsString().contains("middleware secret"))).isTrue();
    }

    @Test
    void aTrapInMiddlewareAnswers500AndTheActorFails() throws Exception {
        echoOn("/x");
        middleware("/x", "mw-trap");
        HttpResponse<String> r = get(port, "/x");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("500 Internal Server Error\n");
        assertThat(a.stopped().get(30, TimeUnit.SECONDS)).isEqualTo(ActorStatus.FAILED);
        HttpFrameworkGuestTest.assertRefused(port);
    }

    @Test
    void addMiddlewareRefusesPatternsBadPathsAndUnknownIds() {
        String h = register(a, "mw-pass");
        assertThat(err(a, "mw", sid, "/api/{v}", h))
                .isEqualTo("add-middleware: path \"/api/{v}\" has a parameter {v}; middleware and WebSocket paths are literal");
        assertThat(err(a, "mw", sid, "api", h)).isEqualTo("add-middleware: path \"api\" must start with /");
        assertThat(err(a, "mw", sid, "/a//b", h)).isEqualTo("add-middleware: path \"/a//b\" has an empty segment (//)");
        assertThat(err(a, "mw", sid, "/api", "555555"))
                .isEqualTo("add-middleware: unknown handler id 555555 (register-handler gives one)");
        assertThat(err(a, "mw", "444444", "/api", h)).startsWith("add-middleware: unknown server id 444444");
        assertThat(err(a, "unmw", "333333")).isEqualTo("remove-middleware: unknown middleware id 333333");
        assertThat(ok(a, "info", sid)).contains("middleware=0");
        String first = ok(a, "mw", sid, "/api", h);
        String second = ok(a, "mw", sid, "/api", h); // the same path twice is two middleware: both run
        assertThat(first).isNotEqualTo(second);
        assertThat(ok(a, "info", sid)).contains("middleware=2");
    }
}
