package dev.theater.handler.runtime;

import dev.theater.api.handler.ChainEntry;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.U64;
import java.util.List;

/**
 * Lowers an actor's chain to the {@code theater:simple/types.chain} record (the classic shape):
 * {@code chain{events: list<meta-event{hash: u64, event: event{event-type, parent: option<u64>, data}}>}},
 * where each u64 is the first 8 bytes (big-endian) of the full SHA-256 hash.
 */
final class ChainValues {

    private ChainValues() {
    }

    static RecordValue chain(List<ChainEntry> entries) {
        return RecordValue.of(new ListValue(entries.stream().<WitValue>map(ChainValues::metaEvent).toList()));
    }

    static RecordValue metaEvent(ChainEntry entry) {
        RecordValue event = RecordValue.of(
                new Str(entry.eventType()),
                new OptionValue(entry.parentHash().map(parent -> new U64(prefix(parent)))),
                new Bytes(entry.data()));
        return RecordValue.of(new U64(prefix(entry.hash())), event);
    }

    /** The first 8 bytes of {@code hash}, big-endian (a shorter hash is padded with zero bytes on the right). */
    static long prefix(byte[] hash) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (i < hash.length ? hash[i] & 0xFF : 0);
        }
        return value;
    }
}
