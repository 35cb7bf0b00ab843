/**
 * The chain: each actor's hash-linked, persisted, verifiable event log. Usable without the runtime.
 *
 * <p>{@code dev.theater.chain} is the API (events, the store, appending, reading, subscriptions,
 * verification); {@code dev.theater.chain.json} exports and imports chains as JSON;
 * {@code dev.theater.chain.interop} verifies chains exported by the Rust Theater.
 * {@code dev.theater.chain.file} is the on-disk format and is internal.
 */
module dev.theater.chain {
    requires transitive dev.theater.api;

    exports dev.theater.chain;
    exports dev.theater.chain.json;
    exports dev.theater.chain.interop;
}
