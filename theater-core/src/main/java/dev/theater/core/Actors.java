package dev.theater.core;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.ActorEnd;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.runtime.Actor;
import dev.theater.core.runtime.ActorLifecycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The actors of one runtime: the ones running (exactly those whose status is RUNNING, kept in step with their
 * status), the ids taken by a start in progress, and the tree of parents and children with each actor's watchers.
 * A node lives from the start of an actor's first incarnation until its last one has ended; a restart keeps it.
 */
final class Actors implements ActorLifecycle {

    private static final System.Logger LOG = System.getLogger(Actors.class.getName());

    /** One actor id in the tree: its parent, its manifest, its current incarnation, its children in start order. */
    static final class Node {
        final String id;
        final Optional<String> parent;
        final ActorManifest manifest;
        volatile Actor current;
        private final Set<String> children = new LinkedHashSet<>(); // guarded by this
        private final Map<String, Integer> childNames = new HashMap<>(); // guarded by this
        private final List<Consumer<ActorEnd>> watchers = new ArrayList<>(); // guarded by this; of the current incarnation
        private ActorEnd lastEnd; // guarded by this; of the incarnation that ended last
        private Actor lastEnded; // guarded by this; that incarnation
        volatile long endedAt; // System.nanoTime() of that end
        volatile Optional<Long> resumedFrom = Optional.empty(); // the chain event its first incarnation resumed from

        Node(String id, Optional<String> parent, ActorManifest manifest) {
            this.id = id;
            this.parent = parent;
            this.manifest = manifest;
        }

        synchronized List<String> children() {
            return List.copyOf(children);
        }

        /** The id of this node's next child from a manifest named {@code name}: {@code <id>.<name>-<n>}. */
        synchronized String nextChildId(String name) {
            int n = childNames.merge(name, 1, Integer::sum);
            return id + "." + name + "-" + n;
        }
    }

    private final Map<String, Actor> running = new ConcurrentHashMap<>();
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    /** Children that ended, kept so that their supervisor may restart them (or learn of it) until it forgets them. */
    private final Map<String, Node> ended = new ConcurrentHashMap<>();

    /**
     * Takes {@code id} for a start: a node is made for it, under its parent if any.
     *
     * @throws TheaterException when the id is taken by an actor that has not ended, or the parent is gone
     */
    Node reserve(String id, Optional<String> parent, ActorManifest manifest) {
        Node node = new Node(id, parent, manifest);
        if (nodes.putIfAbsent(id, node) != null) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, manifest.source() + ": an actor with id '" + id
                    + "' is already running; give this one another id");
        }
        if (parent.isPresent()) {
            Node p = nodes.get(parent.get());
            boolean added = false;
            if (p != null) {
                synchronized (p) {
                    added = p.children.add(id);
                }
            }
            if (!added) {
                nodes.remove(id, node);
                throw new TheaterException(TheaterException.Phase.RUNTIME, "actor '" + parent.get() + "' is not running");
            }
        }
        return node;
    }

    /** A start that never made an actor gives its id back. */
    void release(Node node) {
        if (nodes.remove(node.id, node)) {
            node.parent.map(nodes::get).ifPresent(p -> {
                synchronized (p) {
                    p.children.remove(node.id);
                }
            });
        }
    }

    Optional<Node> node(String id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** A child that ended and may be restarted: back in the tree, under its parent (which must be running). */
    Optional<Node> revive(String id) {
        Node node = ended.get(id);
        if (node == null || !restartable(node) || !ended.remove(id, node)) {
            return Optional.empty();
        }
        Node parent = node.parent.map(nodes::get).orElse(null);
        if (parent == null || nodes.putIfAbsent(id, node) != null) {
            return Optional.empty();
        }
        synchronized (parent) {
            parent.children.add(id);
        }
        return Optional.of(node);
    }

    /** The last state of a child that ended, if it is kept for a restart. */
    Optional<byte[]> lastStateOfEnded(String id) {
        Node node = ended.get(id);
        if (node == null) {
            return Optional.empty();
        }
        synchronized (node) {
            return node.lastEnd == null ? Optional.empty() : node.lastEnd.lastState();
        }
    }

    /** Whether {@code id} is a child of {@code parent} that ended and is kept for a restart. */
    boolean isEndedChildOf(String id, String parent) {
        Node node = ended.get(id);
        return node != null && node.parent.equals(Optional.of(parent)) && restartable(node);
    }

    /** A child that exited or failed may be restarted; one stopped from outside may not. */
    private static boolean restartable(Node node) {
        synchronized (node) {
            return node.lastEnd != null && (node.lastEnd.cause() == ActorEnd.Cause.FAILED
                    || node.lastEnd.cause() == ActorEnd.Cause.EXITED);
        }
    }

    /** How many ended children of one parent are kept for a restart; past it, the oldest go. */
    static final int KEPT_ENDED_CHILDREN = 1000;

    private void keepForRestart(Node node) {
        ended.put(node.id, node); // its supervisor may restart it
        List<Node> siblings = ended.values().stream().filter(n -> n.parent.equals(node.parent)).toList();
        if (siblings.size() > KEPT_ENDED_CHILDREN) {
            siblings.stream().sorted(java.util.Comparator.comparingLong(n -> n.endedAt)).limit(siblings.size()
                    - KEPT_ENDED_CHILDREN).forEach(n -> ended.remove(n.id, n));
        }
    }

    /** Its supervisor will not restart it: nothing of it is kept. */
    void forget(String id) {
        ended.remove(id);
    }

    Optional<Actor> running(String id) {
        return Optional.ofNullable(running.get(id));
    }

    Set<String> runningIds() {
        return new TreeSet<>(running.keySet());
    }

    /** Every actor that has not ended, roots first. */
    List<Actor> all() {
        List<Actor> out = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (n.current != null) {
                out.add(n.current);
            }
        }
        return out;
    }

    /** The top-level actors that have not ended. */
    List<Node> roots() {
        return nodes.values().stream().filter(n -> n.parent.isEmpty()).toList();
    }

    /** Calls {@code onEnd} when the current incarnation of {@code id} ends (at once if it already has). */
    void watch(String id, Consumer<ActorEnd> onEnd) {
        Node node = nodes.get(id);
        if (node == null) {
            node = ended.get(id); // it ended before its watcher came: the watcher learns it now, once
        }
        if (node == null) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, "no actor '" + id + "' to watch");
        }
        ActorEnd ended;
        synchronized (node) {
            if (node.lastEnded == null || node.lastEnded != node.current) {
                node.watchers.add(onEnd); // the current incarnation (or the one being created) has not ended
                return;
            }
            ended = node.lastEnd;
        }
        onEnd.accept(ended);
    }

    // --- ActorLifecycle ---------------------------------------------------------------------------------

    @Override
    public void created(Actor actor) {
        Node node = nodes.get(actor.id());
        if (node != null) {
            node.current = actor;
        }
    }

    @Override
    public void running(Actor actor) {
        running.put(actor.id(), actor);
    }

    @Override
    public void leaving(Actor actor) {
        running.remove(actor.id(), actor);
    }

    @Override
    public void stopChildren(Actor actor) {
        Node node = nodes.get(actor.id());
        if (node == null) {
            return;
        }
        for (String childId : node.children().reversed()) { // the youngest first, as OTP does
            Node child = nodes.get(childId);
            Actor current = child == null ? null : child.current;
            if (current != null) {
                current.stop("its parent '" + actor.id() + "' is stopping");
            }
        }
    }

    @Override
    public void ended(Actor actor, ActorEnd end) {
        Node node = nodes.get(actor.id());
        if (node == null || node.current != actor) {
            return;
        }
        List<Consumer<ActorEnd>> toTell;
        synchronized (node) {
            node.lastEnd = end;
            node.lastEnded = actor;
            node.endedAt = System.nanoTime();
            toTell = List.copyOf(node.watchers);
            node.watchers.clear();
        }
        if (end.cause() != ActorEnd.Cause.RESTARTED) {
            nodes.remove(actor.id(), node);
            node.parent.map(nodes::get).ifPresent(p -> {
                synchronized (p) {
                    p.children.remove(actor.id());
                }
            });
            if (node.parent.isPresent()) {
                keepForRestart(node); // its supervisor may restart it, or learn of its end if it watches only now
            }
        }
        ended.values().removeIf(child -> child.parent.equals(Optional.of(actor.id()))); // a parent's end ends its own
        for (Consumer<ActorEnd> watcher : toTell) {
            try {
                watcher.accept(end);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a watcher of actor '" + actor.id() + "' failed", e);
            }
        }
    }
}
