package dev.theater.handler.supervisor;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code supervisor} handler type: {@code theater:simple/supervisor} for parents, and the
 * {@code theater:simple/supervisor-handlers} exports it calls to tell them what happened to their children.
 */
public final class SupervisorHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "supervisor";

    /** The interface parents import. */
    public static final String SUPERVISOR = "theater:simple/supervisor";

    /** The interface parents export to be told about their children. */
    public static final String HANDLERS = "theater:simple/supervisor-handlers";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> imports() {
        return Set.of(SUPERVISOR);
    }

    @Override
    public Set<String> exports() {
        return Set.of(HANDLERS);
    }

    /** A child's strategy is about its own children, not a privilege over anything the parent has: any is fine. */
    @Override
    public Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        return Optional.empty();
    }

    @Override
    public Handler create(HandlerContext context) {
        return new SupervisorHandler(context.actorId(), SupervisorConfig.from(context.config()),
                context.runtime().supervision(), context.runtime());
    }
}
