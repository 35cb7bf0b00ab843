package dev.theater.handler.messageserver;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.util.Optional;
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

    /** A child may ask for no longer timeout, no bigger mailbox and no more channels than its parent has. */
    @Override
    public Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        MessageServerConfig granted = MessageServerConfig.from(parent);
        MessageServerConfig asked = MessageServerConfig.from(child);
        if (asked.requestTimeoutMs() > granted.requestTimeoutMs()) {
            return Optional.of(child.moreThanParent(MessageServerConfig.REQUEST_TIMEOUT_MS, asked.requestTimeoutMs(), granted.requestTimeoutMs()));
        }
        if (asked.mailboxCapacity() > granted.mailboxCapacity()) {
            return Optional.of(child.moreThanParent(MessageServerConfig.MAILBOX_CAPACITY, asked.mailboxCapacity(), granted.mailboxCapacity()));
        }
        if (asked.maxChannels() > granted.maxChannels()) {
            return Optional.of(child.moreThanParent(MessageServerConfig.MAX_CHANNELS, asked.maxChannels(), granted.maxChannels()));
        }
        return Optional.empty();
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
