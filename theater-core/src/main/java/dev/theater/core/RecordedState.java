package dev.theater.core;

import dev.theater.api.TheaterException;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JNumber;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ActorChain;
import dev.theater.chain.EventFilter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The last state an actor's chain holds, which {@link StartOptions#resumeFromChain()} starts it from: the state
 * returned by the last export call that returned ok, as its {@code wasm} event recorded it
 * ({@code {"export":…,"params":…,"result":{"ok":[<state>,…]}}}; an error result or a trap kept the state before it).
 * The state is an {@code option<list<u8>>} written by the chain's JSON rules: {@code null} (no state), its text, or
 * {@code {"base64":…}}; a state past the chain payload limit was written as {@code {"size":…,"sha256":…}} and cannot
 * be resumed from.
 *
 * @param event the index of that {@code wasm} event in the chain (0 is the first event)
 * @param state the state it recorded; empty for none
 */
record RecordedState(long event, Optional<byte[]> state) {

    static final String WASM = "wasm";

    /**
     * The last state recorded in {@code chain}, empty when no export call has returned ok in it (a new chain).
     *
     * @throws TheaterException naming the actor and the event when that state was recorded as its size and hash
     */
    static Optional<RecordedState> lastIn(ActorChain chain) {
        long[] index = {-1};
        long[] found = {-1};
        JsonValue[] last = {null};
        chain.forEach(EventFilter.all(), event -> {
            index[0]++;
            if (event.eventType().equals(WASM) && JsonReader.parse(event.data()) instanceof JObject call
                    && call.get("result").orElse(null) instanceof JObject result
                    && result.get("ok").orElse(null) instanceof JArray ok && !ok.items().isEmpty()) {
                found[0] = index[0];
                last[0] = ok.items().getFirst();
            }
        });
        if (found[0] < 0) {
            return Optional.empty();
        }
        return Optional.of(new RecordedState(found[0], decode(chain.actorId(), found[0], last[0])));
    }

    private static Optional<byte[]> decode(String actor, long event, JsonValue state) {
        return switch (state) {
            case JsonValue.JNull n -> Optional.empty();
            case JString text -> Optional.of(text.value().getBytes(StandardCharsets.UTF_8));
            case JObject o when o.get("base64").orElse(null) instanceof JString b64 ->
                    Optional.of(Base64.getDecoder().decode(b64.value()));
            case JObject o when o.get("size").orElse(null) instanceof JNumber size && o.get("sha256").isPresent() ->
                    throw new TheaterException(TheaterException.Phase.RUNTIME, actor, "cannot resume from its chain:"
                            + " the last state (event " + event + ") is " + size.text() + " bytes, past the chain"
                            + " payload limit it was recorded with, so the chain holds only its SHA-256; raise the limit"
                            + " (theater run --chain-payload-limit) to keep states resumable", null);
            default -> throw new TheaterException(TheaterException.Phase.CHAIN, actor, "cannot resume from its chain:"
                    + " event " + event + " records a state that is not an option<list<u8>>", null);
        };
    }
}
