package dev.theater.handler.httpframework;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * What one server serves: its routes, middleware and WebSocket paths. Immutable: a change makes a new table, so a
 * request in flight keeps the table it started with while routes change under a running server.
 */
record Table(List<Route> routes, List<Middleware> middleware, List<WebSocketPath> websockets) {

    static final Table EMPTY = new Table(List.of(), List.of(), List.of());

    record Route(long id, RoutePath path, String method, long handlerId) {}

    record Middleware(long id, RoutePath path, long handlerId) {}

    record WebSocketPath(RoutePath path, OptionalLong connectHandler, long messageHandler,
                         OptionalLong disconnectHandler) {}

    /** The route for a request, with its parameters; or the status to answer (404, or 405 with the allowed methods). */
    sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match {}

        record NotFound() implements Match {}

        record MethodNotAllowed(List<String> allow) implements Match {}
    }

    int size() {
        return routes.size() + middleware.size() + websockets.size();
    }

    Table withRoute(Route r) {
        List<Route> next = new ArrayList<>(routes);
        next.add(r);
        return new Table(List.copyOf(next), middleware, websockets);
    }

    Table withoutRoute(long id) {
        return new Table(routes.stream().filter(r -> r.id() != id).toList(), middleware, websockets);
    }

    Table withMiddleware(Middleware m) {
        List<Middleware> next = new ArrayList<>(middleware);
        next.add(m);
        return new Table(routes, List.copyOf(next), websockets);
    }

    Table withoutMiddleware(long id) {
        return new Table(routes, middleware.stream().filter(m -> m.id() != id).toList(), websockets);
    }

    Table withWebSocket(WebSocketPath w) {
        List<WebSocketPath> next = new ArrayList<>(websockets);
        next.add(w);
        return new Table(routes, middleware, List.copyOf(next));
    }

    Table withoutWebSocket(RoutePath path) {
        return new Table(routes, middleware, websockets.stream().filter(w -> !w.path().shape().equals(path.shape())).toList());
    }

    Optional<Route> sameRoute(RoutePath path, String method) {
        return routes.stream().filter(r -> r.path().shape().equals(path.shape()) && r.method().equals(method)).findFirst();
    }

    Optional<WebSocketPath> websocket(List<String> segments) {
        return websockets.stream().filter(w -> w.path().match(segments).isPresent()).findFirst();
    }

    /**
     * The most specific route whose path and method match. {@code HEAD} takes a {@code HEAD} route, else a {@code *}
     * one, else the {@code GET} one; any other method its own, else {@code *}. A path some route matches for other
     * methods only is 405 with the methods that would match (HEAD with GET).
     */
    Match match(String method, List<String> segments) {
        Route best = null;
        Map<String, String> bestParams = null;
        int bestRank = 0;
        TreeSet<String> allow = new TreeSet<>();
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.path().match(segments);
            if (params.isEmpty()) {
                continue;
            }
            allow.add(r.method());
            if (r.method().equals("GET")) {
                allow.add("HEAD");
            }
            int rank = r.method().equals(method) ? 3 : r.method().equals("*") ? 2
                    : method.equals("HEAD") && r.method().equals("GET") ? 1 : 0;
            if (rank == 0) {
                continue;
            }
            int c = best == null ? -1 : r.path().compareSpecificity(best.path());
            if (c < 0 || (c == 0 && rank > bestRank)) {
                best = r;
                bestParams = params.get();
                bestRank = rank;
            }
        }
        if (best != null) {
            return new Match.Found(best, bestParams);
        }
        return allow.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(List.copyOf(allow));
    }

    /** The middleware for a request path, outermost (fewest segments) first, then in the order they were added. */
    List<Middleware> middlewareFor(List<String> segments) {
        return middleware.stream().filter(m -> m.path().prefixOf(segments))
                .sorted(Comparator.comparingInt((Middleware m) -> m.path().segments().size()).thenComparingLong(Middleware::id))
                .toList();
    }
}
