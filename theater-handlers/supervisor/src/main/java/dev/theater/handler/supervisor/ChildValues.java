package dev.theater.handler.supervisor;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorEnd;
import dev.theater.api.handler.ChainEntry;
import dev.theater.api.json.JsonWriter;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.EnumValue;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.U64;
import java.util.List;

/**
 * The WIT values the supervisor hands parents: a child's chain as {@code list<chain-event>} (full hashes, as the
 * chain file holds them) and a failure as {@code wit-actor-error}.
 *
 * <p>How a failure maps to {@code wit-error-type}: a call past its deadline is {@code operation-timeout}; every
 * other failure (a trap, a host function that failed, a value that would not lift, the memory cap, a stack
 * overflow, an out-of-memory, an {@code init} that failed after a restart, a child failed by its own supervisor)
 * is {@code internal}. {@code data} is a JSON object: {@code {"cause":"failed","kind":"trap","call":"<export>",
 * "reason":"<message>"}} ({@code kind} and {@code call} only when a call failed).
 */
final class ChildValues {

    /** Indexes of {@code wit-error-type}'s cases, in WIT order. */
    static final int OPERATION_TIMEOUT = 0;
    static final int INTERNAL = 5;

    private ChildValues() {
    }

    static ListValue events(List<ChainEntry> chain) {
        return new ListValue(chain.stream().<WitValue>map(e -> RecordValue.of(
                new Bytes(e.hash()),
                new OptionValue(e.parentHash().map(Bytes::new)),
                new Str(e.eventType()),
                new Bytes(e.data()),
                new U64(e.timestamp()),
                new OptionValue(e.description().map(Str::new)))).toList());
    }

    static RecordValue error(ActorEnd end) {
        int type = end.failure().filter(k -> k == ActorCallException.Kind.TIMEOUT).isPresent() ? OPERATION_TIMEOUT : INTERNAL;
        JsonWriter json = new JsonWriter().raw('{').name("cause").string("failed");
        end.failure().ifPresent(k -> json.raw(',').name("kind").string(k.name().toLowerCase()));
        end.failedCall().ifPresent(c -> json.raw(',').name("call").string(c));
        json.raw(',').name("reason").string(end.reason()).raw('}');
        return RecordValue.of(new EnumValue(type), OptionValue.some(new Bytes(json.toByteArray())));
    }
}
