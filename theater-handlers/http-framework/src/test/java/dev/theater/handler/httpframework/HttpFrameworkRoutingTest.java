package dev.theater.handler.httpframework;

import static dev.theater.handler.httpframework.WebApp.err;
import static dev.theater.handler.httpframework.WebApp.get;
import static dev.theater.handler.httpframework.WebApp.ok;
import static dev.theater.handler.httpframework.WebApp.register;
import static dev.theater.handler.httpframework.WebApp.send;
import static dev.theater.handler.httpframework.WebApp.server;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing of the http-framework handler through the real web-probe guest on 127.0.0.1: exact paths, {@code {name}}
 * and {@code {*rest}} with their {@code x-route-param-*} headers (decoded; forged ones dropped), which route wins,
 * method matching with 404 and 405 + {@code Allow}, {@code *}, HEAD answered from GET, 400 for paths that cannot be
 * matched safely, the server's own plain answers, and every refusal of {@code add-route}.
 */
class HttpFrameworkRoutingTest extends WebAppTest {

    private ActorRef a;
    private String sid;
    private int port;

    @BeforeEach
    void setUp() {
        a = app.web("web", "");
        sid = server(a);
        port = WebApp.start(a, sid);
    }

    private String route(String path, String method, String handlerName) {
        return ok(a, "route", sid, path, method, register(a, handlerName));
    }

    private static void assertPlain(HttpResponse<String> r, int status, String body) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body()).isEqualTo(body + "\n");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }

    /** 400 in the server's plain form: {@code 400 Bad Request}, maybe with the handler's reason after it. */
    private static void assertBadRequest(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.request().uri().toString()).isEqualTo(400);
        assertThat(r.body()).startsWith("400 Bad Request").endsWith("\n");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void exactPathsMatchWholeAndOnlyWhole() {
        route("/", "GET", "root");
        route("/a/b", "GET", "ab");
        assertThat(get(port, "/").body()).isEqualTo("root");
        assertThat(get(port, "/a/b").body()).isEqualTo("ab");
        assertPlain(get(port, "/a"), 404, "404 Not Found");
        assertPlain(get(port, "/a/b/c"), 404, "404 Not Found");
        assertPlain(get(port, "/a/bc"), 404, "404 Not Found");
        assertThat(get(port, "/a/b?q=1").body()).as("the query is not part of the path").isEqualTo("ab");
    }

    @Test
    void parametersReachTheActorAsDecodedRouteParamHeadersAndForgedOnesAreDropped() {
        route("/users/{id}/posts/{post_id}", "GET", "echo");
        HttpResponse<String> r = get(port, "/users/a%20b/posts/%C3%A9", "X-Route-Param-Id", "forged",
                "x-route-param-admin", "true");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("x-h-x-route-param-id")).containsExactly("a b");
        assertThat(r.headers().allValues("x-h-x-route-param-post_id")).containsExactly("\u00e9"); // echoed back as a header: Latin-1 only
        assertThat(r.headers().map()).doesNotContainKey("x-h-x-route-param-admin");
        assertThat(r.body()).as("the uri keeps its escapes").isEqualTo("GET /users/a%20b/posts/%C3%A9");
        assertBadRequest(get(port, "/users//posts/1")); // an empty segment: Jetty refuses it as ambiguous
    }

    @Test
    void aRestParameterTakesOneOrMoreSegmentsJoinedWithSlashes() {
        route("/files/{*rest}", "GET", "echo");
        HttpResponse<String> r = get(port, "/files/a/b%2Bc/d.txt");
        assertThat(r.headers().allValues("x-h-x-route-param-rest")).containsExactly("a/b+c/d.txt");
        assertThat(get(port, "/files/x").headers().allValues("x-h-x-route-param-rest")).containsExactly("x");
        assertPlain(get(port, "/files"), 404, "404 Not Found");
    }

    @Test
    void theMostSpecificRouteWinsSegmentBySegmentThenTheLongerPattern() {
        route("/items/{*rest}", "GET", "rest");
        route("/items/{id}", "GET", "param");
        route("/items/new", "GET", "literal");
        route("/items/{id}/edit", "GET", "param-edit");
        route("/{section}/new", "GET", "section-new");
        assertThat(get(port, "/items/new").body()).isEqualTo("literal");
        assertThat(get(port, "/items/42").body()).isEqualTo("param");
        assertThat(get(port, "/items/42/edit").body()).isEqualTo("param-edit");
        assertThat(get(port, "/items/42/other").body()).isEqualTo("rest");
        assertThat(get(port, "/items/a/b/c").body()).isEqualTo("rest");
        assertThat(get(port, "/shop/new").body()).isEqualTo("section-new");
    }

    @Test
    void aWrongMethodIs405WithTheSortedAllowedMethodsAndHeadWithGet() {
        route("/r", "POST", "post");
        route("/r", "GET", "get");
        route("/r", "delete", "delete"); // methods are upper-cased
        route("/only-put", "PUT", "put");
        assertThat(send(port, "POST", "/r", "x").body()).isEqualTo("post");
        assertThat(send(port, "DELETE", "/r", null).body()).isEqualTo("delete");

        HttpResponse<String> r = send(port, "PATCH", "/r", "x");
        assertPlain(r, 405, "405 Method Not Allowed");
        assertThat(r.headers().firstValue("allow")).hasValue("DELETE, GET, HEAD, POST");
        assertThat(get(port, "/only-put").headers().firstValue("allow")).hasValue("PUT");
        assertThat(logs.of(a.id())).noneMatch(l -> l.startsWith("request ") && l.contains("PATCH"));
    }

    @Test
    void aStarRouteTakesEveryMethodAndAnExactMethodRouteBeatsIt() {
        route("/any", "*", "star");
        route("/any", "PUT", "put");
        assertThat(send(port, "PATCH", "/any", "x").body()).isEqualTo("star");
        assertThat(get(port, "/any").body()).isEqualTo("star");
        assertThat(send(port, "PUT", "/any", "x").body()).isEqualTo("put");
        assertThat(send(port, "OPTIONS", "/any", null).body()).isEqualTo("star");
    }

    @Test
    void headIsAnsweredFromTheGetRouteWithoutTheBodyAndTheActorSeesHead() {
        route("/page", "GET", "echo");
        HttpResponse<String> getPage = get(port, "/page");
        HttpResponse<String> head = send(port, "HEAD", "/page", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        // the echo answers "<method> <uri>": the actor got HEAD, and its answer's length is kept
        assertThat(head.headers().firstValue("content-length")).hasValue("" + "HEAD /page".length());
        assertThat(getPage.headers().firstValue("content-length")).hasValue("" + "GET /page".length());
        logs.await(a.id(), "request echo HEAD /page");

        route("/page", "HEAD", "own-head"); // a HEAD route of its own is taken over GET's
        assertThat(send(port, "HEAD", "/page", null).headers().firstValue("content-length")).hasValue("" + "own-head".length());
        assertThat(send(port, "HEAD", "/nothing", null).statusCode()).isEqualTo(404);
    }

    @Test
    void pathsThatCannotBeMatchedSafelyAre400AndNeverReachTheActor() {
        route("/files/{*rest}", "GET", "echo");
        // the handler refuses some (Exchange.BAD_PATH), Jetty others first (an ambiguous escaped / or empty segment,
        // an escape that is not UTF-8, a path above the root): all in the same plain form
        for (String path : new String[] {"/files/%FF", "/files/%2e%2e/secret", "/files/./a", "/files/a/../../secret",
                "/files/a%2Fb", "/../secret", "/files//a", "/files/%C3"}) {
            assertBadRequest(get(port, path));
        }
        assertThat(logs.of(a.id())).noneMatch(l -> l.startsWith("request "));
        // what Jetty lets through, the handler's own check still refuses
        for (String raw : new String[] {"/a/./b", "/a/../b", "/a/%2e%2E/b", "/a/%2e", "/a/b%2fc", "/a/%ff"}) {
            assertThat(RoutePath.requestSegments(raw)).as(raw).isEmpty();
        }
        assertThat(RoutePath.requestSegments("/a/..b/.c/%41")).hasValue(java.util.List.of("a", "..b", ".c", "A"));
        assertThat(get(port, "/files/a..b/.c").headers().allValues("x-h-x-route-param-rest")).containsExactly("a..b/.c");
    }

    @Test
    void addRouteRefusesBadPathsAndMethodsAndASecondRouteOfTheSameShapeAndMethod() {
        String h = register(a, "echo");
        assertThat(err(a, "route", sid, "items", "GET", h)).isEqualTo("add-route: path \"items\" must start with /");
        assertThat(err(a, "route", sid, "/a//b", "GET", h)).isEqualTo("add-route: path \"/a//b\" has an empty segment (//)");
        assertThat(err(a, "route", sid, "/a/{*rest}/b", "GET", h))
                .isEqualTo("add-route: path \"/a/{*rest}/b\": {*rest} must be the last segment");
        assertThat(err(a, "route", sid, "/a/{x}/{x}", "GET", h))
                .isEqualTo("add-route: path \"/a/{x}/{x}\" names the parameter 'x' twice");
        assertThat(err(a, "route", sid, "/a/{b c}", "GET", h))
                .isEqualTo("add-route: path \"/a/{b c}\": parameter name \"b c\" must be 1 to 64 of A-Z a-z 0-9 _ -");
        assertThat(err(a, "route", sid, "/a/..", "GET", h))
                .isEqualTo("add-route: path \"/a/..\" has a segment \"..\" that is not a valid URI path segment");
        assertThat(err(a, "route", sid, "/a b", "GET", h))
                .isEqualTo("add-route: path \"/a b\" has a segment \"a b\" that is not a valid URI path segment");
        assertThat(err(a, "route", sid, "/" + "x".repeat(2048), "GET", h))
                .isEqualTo("add-route: path of 2049 characters is longer than 2048");
        assertThat(err(a, "route", sid, "/a", "GE T", h))
                .isEqualTo("add-route: method \"GE T\" is not an HTTP method name (or * for any)");
        assertThat(err(a, "route", sid, "/a", "", h)).isEqualTo("add-route: method \"\" is not an HTTP method name (or * for any)");
        assertThat(err(a, "route", sid, "/a", "GET", "777777"))
                .isEqualTo("add-route: unknown handler id 777777 (register-handler gives one)");

        String first = ok(a, "route", sid, "/a/{x}", "GET", h);
        assertThat(err(a, "route", sid, "/a/{y}", "get", h)).isEqualTo("add-route: server " + sid
                + " already routes GET /a/{x} (route " + first + "); remove that route first");
        ok(a, "route", sid, "/a/{y}", "POST", h); // another method on the same shape is another route
        ok(a, "route", sid, "/a/b", "GET", h);    // and a literal is another shape
        assertThat(ok(a, "info", sid)).contains("routes=3");
        ok(a, "unroute", first);
        ok(a, "route", sid, "/a/{y}", "GET", h);  // once removed, the shape is free
    }
}
