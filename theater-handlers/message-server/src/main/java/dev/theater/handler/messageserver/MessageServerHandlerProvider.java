package dev.theater.handler.messageserver;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.util.Set;

/**
 * The {@code message-server} handler type. One provider instance serves one runtime, so it owns the
 * {@link Router} that all the actors of that runtime share.
 */
public final class MessageServerHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "message-server";

    /** The interface actors import to send. */
    public static final String HOST = "theater:simple/message-server-host";

    /** The interface actors export to receive. */
    public static final String CLIENT = "theater:simple/message-server-client";

    private final Router router = new Router();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> imports() {
        return Set.of(HOST);
    }

    @Override
    public Set<String> exports() {
        return Set.of(CLIENT);
    }

    @Override
    public Handler create(HandlerContext context) {
        MessageServerConfig config = MessageServerConfig.from(context.config());
        router.runtime(context.runtime());
        return new MessageServerHandler(context.actorId(), config, router);
    }

    Router router() {
        return router;
    }
}
