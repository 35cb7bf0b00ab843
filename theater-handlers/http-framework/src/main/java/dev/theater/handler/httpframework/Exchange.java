package dev.theater.handler.httpframework;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.EventData;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U64;
import dev.theater.handler.httpframework.Values.Header;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * One request, from its arrival to its answer, without a thread waiting for the actor: the body is read (at most
 * {@code max_request_bytes}), the middleware run in order, the route matched and {@code handle-request} called,
 * each call offered to the actor's mailbox and continued when it completes. One deadline
 * ({@code request_timeout_ms}) covers all of it; whoever answers first (the actor, the deadline, a failure) answers,
 * and what comes later is recorded and dropped.
 */
final class Exchange {

    static final String ROUTE_PARAM = "x-route-param-";
    /** Headers the server writes itself: an actor's are ignored. */
    private static final Set<String> OWN_HEADERS = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ActorServer server;
    private final HttpFrameworkHandler handler;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    static final String BAD_PATH = "Bad Request: the path has an escape that is not UTF-8, an escaped /, or a . or .. segment";

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private volatile ScheduledFuture<?> deadline;
    private Table table;
    private List<String> segments;
    private Optional<Table.WebSocketPath> websocket = Optional.empty();

    Exchange(ActorServer server, Request request, Response response, Callback callback) {
        this.server = server;
        this.handler = server.handler;
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    void begin() {
        if (!handler.takesCalls()) {
            plain(503, "Service Unavailable: the actor is not taking requests", List.of());
            return;
        }
        Optional<List<String>> segs = RoutePath.requestSegments(request.getHttpURI().getPath());
        if (segs.isEmpty()) {
            plain(400, BAD_PATH, List.of());
            return;
        }
        segments = segs.get();
        table = server.table();
        if ("websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
            websocket = table.websocket(segments);
        }
        long max = handler.config().maxRequestBytes();
        long declared = request.getLength();
        if (declared > max) {
            plain(413, "Content Too Large: the body of " + declared + " bytes is larger than " + max,
                    List.of(new Header("connection", "close")));
            return;
        }
        deadline = handler.timers().schedule(this::timedOut, handler.config().requestTimeoutMs(), TimeUnit.MILLISECONDS);
        readBody();
    }

    // --- the body ---------------------------------------------------------------------------------------------

    private void readBody() {
        long max = handler.config().maxRequestBytes();
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::readBody);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                if (answered.compareAndSet(false, true)) {
                    cancelDeadline();
                    callback.failed(chunk.getFailure()); // the client went away or sent a broken body
                }
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            if (body.size() + (long) bytes.remaining() > max) {
                chunk.release();
                plain(413, "Content Too Large: the body is larger than " + max + " bytes",
                        List.of(new Header("connection", "close")));
                return;
            }
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            body.writeBytes(copy);
            chunk.release();
            if (chunk.isLast()) {
                break;
            }
        }
        Values.Request first = new Values.Request(request.getMethod(), uri(), headers(),
                body.size() == 0 ? Optional.empty() : Optional.of(body.toByteArray()));
        middleware(table.middlewareFor(segments), 0, first);
    }

    private String uri() {
        String query = request.getHttpURI().getQuery();
        return request.getHttpURI().getPath() + (query == null ? "" : "?" + query);
    }

    /** The request's headers, names in lower case, in arrival order; a client's own route-parameter headers dropped. */
    private List<Header> headers() {
        List<Header> out = new ArrayList<>();
        for (HttpField f : request.getHeaders()) {
            String name = f.getName().toLowerCase(Locale.ROOT);
            if (!name.startsWith(ROUTE_PARAM)) {
                out.add(new Header(name, f.getValue() == null ? "" : f.getValue()));
            }
        }
        return out;
    }

    // --- middleware, route, actor ---------------------------------------------------------------------------------

    private void middleware(List<Table.Middleware> chain, int i, Values.Request req) {
        if (i == chain.size()) {
            if (websocket.isPresent()) {
                upgrade(websocket.get());
            } else {
                route(req);
            }
            return;
        }
        Table.Middleware m = chain.get(i);
        call(handler.exports().middleware().orElseThrow(), TupleValue.of(new U64(m.handlerId()), req.toWit()),
                "handle-middleware", result -> {
                    RecordValue decision = (RecordValue) ((TupleValue) result.orElseThrow()).elements().getFirst();
                    if (((Bool) decision.fields().get(0)).value()) {
                        middleware(chain, i + 1, Values.Request.fromWit(decision.fields().get(1)));
                    } else {
                        plain(403, "Forbidden", List.of());
                    }
                });
    }

    private void route(Values.Request req) {
        Optional<List<String>> segs = RoutePath.requestSegments(req.path());
        if (segs.isEmpty()) {
            plain(400, BAD_PATH, List.of());
            return;
        }
        switch (table.match(req.method(), segs.get())) {
            case Table.Match.NotFound() -> plain(404, "Not Found", List.of());
            case Table.Match.MethodNotAllowed(List<String> allow) ->
                    plain(405, "Method Not Allowed", List.of(new Header("allow", String.join(", ", allow))));
            case Table.Match.Found(Table.Route route, Map<String, String> params) -> {
                List<Header> headers = new ArrayList<>();
                for (Header h : req.headers()) {
                    if (!h.name().toLowerCase(Locale.ROOT).startsWith(ROUTE_PARAM)) {
                        headers.add(h);
                    }
                }
                params.forEach((name, value) -> headers.add(new Header(ROUTE_PARAM + name.toLowerCase(Locale.ROOT), value)));
                call(handler.exports().request().orElseThrow(),
                        TupleValue.of(new U64(route.handlerId()), req.withHeaders(headers).toWit()), "handle-request",
                        result -> respond(Values.Response.fromWit(((TupleValue) result.orElseThrow()).elements().getFirst())));
            }
        }
    }

    /** Offers a call to the actor's mailbox (never waiting for room) and goes on with its result when it completes. */
    private void call(ActorExport export, TupleValue params, String what, Consumer<Optional<WitValue>> then) {
        CompletableFuture<Optional<WitValue>> future;
        try {
            future = export.offer(params, () -> !answered.get()); // withdrawn if the deadline answered meanwhile
        } catch (RuntimeException e) {
            failed(e, what);
            return;
        }
        future.whenComplete((result, failure) -> {
            if (failure != null) {
                failed(failure, what);
            } else if (answered.get()) {
                late(what, "an answer");
            } else {
                try {
                    then.accept(result);
                } catch (RuntimeException e) {
                    badResponse(what + " returned a value the server cannot use: " + e);
                }
            }
        });
    }

    private void failed(Throwable failure, String what) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        ActorCallException.Kind kind = cause instanceof ActorCallException e ? e.kind() : null;
        if (kind == ActorCallException.Kind.WITHDRAWN) {
            return; // the deadline answered before the call's turn came: nothing ran
        }
        if (answered.get()) {
            late(what, kind == null ? "a failure" : "a failure (" + kind.name().toLowerCase(Locale.ROOT) + ")");
            return;
        }
        if (kind == ActorCallException.Kind.MAILBOX_FULL) {
            plain(503, "Service Unavailable: the actor is busy", List.of(new Header("retry-after", "1")));
        } else if (kind == ActorCallException.Kind.STOPPED) {
            plain(503, "Service Unavailable: the actor is not taking requests", List.of());
        } else {
            // an err result, a trap, the runtime's call deadline: recorded by the runtime; the client learns nothing more
            plain(500, "Internal Server Error", List.of());
        }
    }

    // --- answers ---------------------------------------------------------------------------------------------------

    private void respond(Values.Response r) {
        Optional<String> problem = problem(r);
        if (problem.isPresent()) {
            badResponse(problem.get());
            return;
        }
        if (!answered.compareAndSet(false, true)) {
            late("handle-request", "a response");
            return;
        }
        cancelDeadline();
        try {
            response.setStatus(r.status());
            HttpFields.Mutable out = response.getHeaders();
            for (Header h : r.headers()) {
                if (!OWN_HEADERS.contains(h.name().toLowerCase(Locale.ROOT))) {
                    out.add(h.name(), h.value());
                }
            }
            byte[] bytes = r.body().orElse(new byte[0]);
            if (r.status() != 204 && r.status() != 304) {
                out.put(HttpHeader.CONTENT_LENGTH, bytes.length);
            }
            boolean head = request.getMethod().equals("HEAD");
            ByteBuffer content = head || bytes.length == 0 ? EMPTY : ByteBuffer.wrap(bytes);
            // Written by one of the server's threads, not the actor's (this runs where the call completed): the socket
            // write (on loopback the client's wake-up too) was half of the actor thread's time under load, in series
            // with its next calls (HttpFrameworkBench, theater-benchmarks/README.md "http-framework"). Here when the
            // pool takes no more (it is stopping).
            Runnable write = () -> write(content);
            try {
                request.getComponents().getExecutor().execute(write);
            } catch (RejectedExecutionException e) {
                write.run();
            }
        } catch (RuntimeException e) {
            writeFailed(e);
        }
    }

    private void write(ByteBuffer content) {
        try {
            response.write(true, content, callback);
        } catch (RuntimeException e) {
            writeFailed(e);
        }
    }

    private void writeFailed(RuntimeException e) {
        handler.record(HttpFrameworkHandler.BAD_RESPONSE, event().string("problem", String.valueOf(e.getMessage())).build(),
                "server " + server.id + ": the response could not be written");
        callback.failed(e);
    }

    private static Optional<String> problem(Values.Response r) {
        if (r.status() < 200 || r.status() > 599) {
            return Optional.of("status " + r.status() + " is not a final HTTP status (200..599)");
        }
        if ((r.status() == 204 || r.status() == 304) && r.body().isPresent() && r.body().get().length > 0) {
            return Optional.of("a " + r.status() + " response has no body, but one of " + r.body().get().length + " bytes was given");
        }
        for (Header h : r.headers()) {
            if (!HEADER_NAME.matcher(h.name()).matches()) {
                return Optional.of("header name " + Quote.of(h.name()) + " is not an HTTP token");
            }
            for (int i = 0; i < h.value().length(); i++) {
                char c = h.value().charAt(i);
                if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                    return Optional.of("the value of header " + h.name() + " has a character that cannot be sent (CR, LF,"
                            + " NUL or past U+00FF)");
                }
            }
        }
        return Optional.empty();
    }

    private void badResponse(String problem) {
        handler.record(HttpFrameworkHandler.BAD_RESPONSE, event().string("problem", problem).build(),
                "server " + server.id + ": " + problem + "; answered 500");
        plain(500, "Internal Server Error", List.of());
    }

    /** Answers with a short text body, unless someone answered first. */
    private void plain(int status, String text, List<Header> headers) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        writePlain(status, text, headers);
    }

    private void writePlain(int status, String text, List<Header> headers) {
        response.setStatus(status);
        HttpFields.Mutable out = response.getHeaders();
        for (Header h : headers) {
            out.put(h.name(), h.value());
        }
        byte[] bytes = (status + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
        out.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, request.getMethod().equals("HEAD") ? EMPTY : ByteBuffer.wrap(bytes), callback);
    }

    private void timedOut() {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        long ms = handler.config().requestTimeoutMs();
        handler.record(HttpFrameworkHandler.TIMED_OUT, event().u64("timeout_ms", ms).build(),
                "server " + server.id + ": " + request.getMethod() + " " + request.getHttpURI().getPath()
                        + " got no answer within " + ms + " ms; answered 503");
        writePlain(503, "Service Unavailable: the actor did not answer within " + ms + " ms", List.of());
    }

    /** The actor answered after the deadline did: recorded, dropped. */
    private void late(String export, String what) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        handler.record(HttpFrameworkHandler.LATE_RESPONSE, event().string("export", export).u64("after_ms", ms).build(),
                "server " + server.id + ": " + what + " from " + export + " came after " + ms + " ms, past the deadline;"
                        + " dropped");
    }

    private EventData.Builder event() {
        return EventData.builder().u64("server", server.id).string("method", request.getMethod())
                .string("path", request.getHttpURI().getPath());
    }

    private void cancelDeadline() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
    }

    // --- WebSocket upgrades ------------------------------------------------------------------------------------------

    private void upgrade(Table.WebSocketPath path) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        cancelDeadline();
        ServerWebSocketContainer container = server.container();
        if (container == null) {
            writePlain(503, "Service Unavailable: the server is stopping", List.of());
            return;
        }
        long connectionId = handler.nextId();
        try {
            boolean upgraded = container.upgrade((rq, rs, cb) -> {
                List<String> offered = rq.getSubProtocols();
                Optional<String> protocol = offered == null || offered.isEmpty() ? Optional.empty() : Optional.of(offered.getFirst());
                protocol.ifPresent(rs::setAcceptedSubProtocol);
                return new WsConnection(server, connectionId, path, protocol);
            }, request, response, callback);
            if (!upgraded) {
                writePlain(400, "Bad Request: not a valid WebSocket upgrade", List.of());
            }
        } catch (RuntimeException e) {
            writePlain(400, "Bad Request: the WebSocket upgrade failed", List.of());
        }
    }
}
