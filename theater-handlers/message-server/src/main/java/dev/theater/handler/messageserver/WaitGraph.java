package dev.theater.handler.messageserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who waits for whom: an edge {@code a -> b} exists while actor {@code a} is blocked in a {@code request} or
 * {@code open-channel} to {@code b} (including while {@code b} has deferred its answer). Before a new edge is
 * added, a path back from the target to the requester means the call would deadlock, and it is refused.
 */
final class WaitGraph {

    private final Map<String, List<String>> waitsFor = new HashMap<>();

    /**
     * Adds {@code requester -> target}, or fails with the cycle it would close, e.g. for requester {@code b},
     * target {@code a} while {@code a} waits for {@code b}:
     * {@code request cycle: a -> b -> a; the request would deadlock (a is busy waiting for b)}.
     *
     * @param operation {@code request} or {@code open-channel}, named in the message
     */
    synchronized void enter(String requester, String target, String operation) {
        if (requester.equals(target)) {
            throw new DeliveryException("request cycle: " + target + " -> " + target + "; the " + operation
                    + " would deadlock (" + target + " is busy making this " + operation + ")");
        }
        Optional<List<String>> path = path(target, requester);
        if (path.isPresent()) {
            List<String> cycle = new ArrayList<>(path.get());
            cycle.add(target);
            throw new DeliveryException("request cycle: " + String.join(" -> ", cycle) + "; the " + operation
                    + " would deadlock (" + target + " is busy waiting for " + cycle.get(1) + ")");
        }
        waitsFor.computeIfAbsent(requester, key -> new ArrayList<>(1)).add(target);
    }

    /** Removes one {@code requester -> target} edge added by {@link #enter}. */
    synchronized void leave(String requester, String target) {
        List<String> targets = waitsFor.get(requester);
        if (targets != null && targets.remove(target) && targets.isEmpty()) {
            waitsFor.remove(requester);
        }
    }

    /** The actors {@code actorId} waits for right now. */
    synchronized List<String> waitingFor(String actorId) {
        return List.copyOf(waitsFor.getOrDefault(actorId, List.of()));
    }

    /** A path of wait edges from {@code from} to {@code to}, both included (depth first). */
    private Optional<List<String>> path(String from, String to) {
        List<String> path = new ArrayList<>();
        path.add(from);
        return search(from, to, path, new ArrayList<>()) ? Optional.of(path) : Optional.empty();
    }

    private boolean search(String node, String goal, List<String> path, List<String> visited) {
        if (node.equals(goal)) {
            return true;
        }
        visited.add(node);
        for (String next : waitsFor.getOrDefault(node, List.of())) {
            if (!visited.contains(next)) {
                path.add(next);
                if (search(next, goal, path, visited)) {
                    return true;
                }
                path.removeLast();
            }
        }
        return false;
    }
}
