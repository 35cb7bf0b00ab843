package dev.theater.core.plugin;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.util.Set;

/** A provider given in code, as an embedder would. */
record CodeProvider(String type, Set<String> imports) implements HandlerProvider {

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    @Override
    public Handler create(HandlerContext context) {
        return new Handler() { };
    }
}
