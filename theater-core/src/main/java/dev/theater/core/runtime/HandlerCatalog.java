package dev.theater.core.runtime;

import dev.theater.api.handler.HandlerProvider;
import java.util.Optional;
import java.util.Set;

/** The handler providers a runtime can use, by type and by the interface they import. */
public interface HandlerCatalog {

    Optional<HandlerProvider> provider(String type);

    /** The provider that implements {@code qualifiedInterface}, to suggest it when an actor lacks it. */
    Optional<HandlerProvider> providerOfImport(String qualifiedInterface);

    Set<String> types();
}
