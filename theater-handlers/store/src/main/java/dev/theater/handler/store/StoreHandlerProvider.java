package dev.theater.handler.store;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code store} handler type: {@code theater:simple/store}, no exports called. One provider serves one runtime,
 * so the stores its actors have opened (each with its lock and size count) are kept here.
 */
public final class StoreHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "store";

    /** The WIT interface this handler implements. */
    public static final String INTERFACE = "theater:simple/store";

    private final Stores stores = new Stores();

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

    /** A child keeps its parent's stores folder and may have smaller quotas, never larger ones. */
    @Override
    public Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        StoreConfig granted = StoreConfig.from(parent);
        StoreConfig asked = StoreConfig.from(child);
        if (!asked.path().equals(granted.path())) {
            return Optional.of("config key '" + StoreConfig.PATH + "' = " + asked.path().map(p -> "\"" + p + "\"")
                    .orElse("(unset)") + " is not the parent's " + granted.path().map(p -> "\"" + p + "\"")
                    .orElse("(unset)") + "; a child's stores are where its parent's are");
        }
        if (asked.maxBytes() > granted.maxBytes()) {
            return Optional.of(child.moreThanParent(StoreConfig.MAX_BYTES, asked.maxBytes(), granted.maxBytes()));
        }
        if (asked.maxContentBytes() > granted.maxContentBytes()) {
            return Optional.of(child.moreThanParent(StoreConfig.MAX_CONTENT_BYTES, asked.maxContentBytes(), granted.maxContentBytes()));
        }
        return Optional.empty();
    }


    @Override
    public Handler create(HandlerContext context) {
        StoreConfig config = StoreConfig.from(context.config());
        return new StoreHandler(context.actorId(), config,
                config.root(context.manifestDirectory(), context.runtime().home()), stores);
    }
}
