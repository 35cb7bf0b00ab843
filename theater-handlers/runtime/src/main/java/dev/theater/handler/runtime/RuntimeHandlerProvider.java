package dev.theater.handler.runtime;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.util.Set;

/** The {@code runtime} handler type: {@code theater:simple/runtime}, no configuration, no exports called. */
public final class RuntimeHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "runtime";

    /** The WIT interface this handler implements. */
    public static final String INTERFACE = "theater:simple/runtime";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> imports() {
        return Set.of(INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    @Override
    public Handler create(HandlerContext context) {
        context.config().allowOnly(Set.of());
        return new RuntimeHandler(context.actorId(), context.runtime());
    }
}
