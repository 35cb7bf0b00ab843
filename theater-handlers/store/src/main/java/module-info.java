/**
 * The {@code store} handler: {@code theater:simple/store}, a content-addressed store with labels on disk, every
 * write crash-safe, every read checked against its hash, store ids as unguessable capabilities.
 */
module dev.theater.handler.store {
    requires dev.theater.api;

    provides dev.theater.api.handler.HandlerProvider with dev.theater.handler.store.StoreHandlerProvider;
}
