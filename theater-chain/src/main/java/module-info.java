/** The chain: each actor's hash-linked, persisted, verifiable event log. Usable without the runtime. */
module dev.theater.chain {
    requires dev.theater.api;
}
