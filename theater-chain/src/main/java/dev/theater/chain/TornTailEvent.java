package dev.theater.chain;

import dev.theater.api.json.JsonWriter;

/**
 * The event opening appends when it has cut off a torn tail ({@link ActorChain#TORN_TAIL_CUT}), so the chain
 * itself says that it was recovered: the first event after the recovered ones, with data
 * {@code {"offset":<o>,"bytes_cut":<n>,"reason":"TORN_TAIL","detail":"<what the scan found>"}}.
 */
final class TornTailEvent {
    private TornTailEvent() {
    }

    /** The event data: where the cut record started, how many bytes were cut, and why. */
    static byte[] data(ChainFailure cut, long bytesCut) {
        JsonWriter w = new JsonWriter().raw('{');
        w.name("offset").number(cut.offset()).raw(',');
        w.name("bytes_cut").number(bytesCut).raw(',');
        w.name("reason").string(cut.reason().name()).raw(',');
        w.name("detail").string(cut.detail());
        return w.raw('}').toByteArray();
    }

    /** The event description, e.g. {@code cut 600 bytes at offset 1234 when the chain was opened}. */
    static String description(ChainFailure cut, long bytesCut) {
        return "cut " + bytesCut + " bytes at offset " + cut.offset() + " when the chain was opened";
    }
}
