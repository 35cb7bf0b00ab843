package dev.theater.core;

import java.util.List;
import java.util.Objects;

/**
 * An actor and its children, as {@link Theater#tree()} shows them.
 *
 * @param id       the actor's id
 * @param status   its status now
 * @param children its children, in the order they were started
 */
public record ActorTree(String id, ActorStatus status, List<ActorTree> children) {

    public ActorTree {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        children = List.copyOf(children);
    }
}
