package dev.theater.core;

import dev.theater.api.json.JsonWriter;
import dev.theater.chain.ActorChain;
import dev.theater.core.manifest.ActorManifest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One run of a runtime, as {@link Theater.Builder#recordRunStarts} marks it in every chain it opens for an actor's
 * first start: so a home that several runs share shows in each chain where every run began.
 *
 * @param id      a random UUID, one per runtime
 * @param started when the runtime was built
 */
record RunStart(String id, Instant started) {

    static final String EVENT_TYPE = "theater/run-started";

    static RunStart now() {
        return new RunStart(UUID.randomUUID().toString(), Instant.now());
    }

    /**
     * Appends {@code {"run":…,"started":…,"manifest":…,"resumed_from":<event>|null}} to {@code chain}, with the
     * description {@code run <id>} (and {@code , resumed from event <n>}).
     */
    void record(ActorChain chain, ActorManifest manifest, Optional<Long> resumedFrom) {
        JsonWriter json = new JsonWriter().raw('{').name("run").string(id).raw(',').name("started")
                .string(started.toString()).raw(',').name("manifest").string(manifest.source()).raw(',')
                .name("resumed_from");
        resumedFrom.ifPresentOrElse(json::number, json::nullValue);
        chain.append(EVENT_TYPE, json.raw('}').toByteArray(),
                Optional.of("run " + id + resumedFrom.map(e -> ", resumed from event " + e).orElse("")));
    }
}
