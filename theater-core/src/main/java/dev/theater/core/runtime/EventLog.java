package dev.theater.core.runtime;

import java.util.Optional;

/** Where an actor's runtime records chain events; appending only hashes and enqueues. */
@FunctionalInterface
interface EventLog {

    void append(String eventType, byte[] data, Optional<String> description);
}
