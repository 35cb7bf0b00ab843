package dev.theater.handler.messageserver;

import dev.theater.api.handler.EventData;

/**
 * The {@code message-server/received} event recorded in the receiving actor's chain when a message arrives,
 * before the runtime records the export call that handles it: which kind, from whom, how large, and the
 * request or channel id. Data: {@code {"kind":"send","from":"a","size":5}} (plus {@code "id":"..."}).
 */
final class Received {

    static final String EVENT_TYPE = "message-server/received";
    /** Recorded after a {@code received} event when the actor refused the message after all (it stopped or failed). */
    static final String REJECTED_TYPE = "message-server/rejected";

    private Received() {
    }

    static EventData data(String kind, String from, int size, String id) {
        EventData.Builder data = EventData.builder().string("kind", kind).string("from", from).u64("size", size);
        if (id != null) {
            data.string("id", id);
        }
        return data.build();
    }

    static EventData rejected(String kind, String from, String id, String reason) {
        EventData.Builder data = EventData.builder().string("kind", kind).string("from", from);
        if (id != null) {
            data.string("id", id);
        }
        return data.string("reason", reason).build();
    }

    static String description(String kind, String from, int size) {
        return kind + " from '" + from + "' (" + size + " bytes)";
    }
}
