package dev.theater.api.json;

import dev.theater.api.TheaterException;

/**
 * Malformed JSON, or JSON that does not follow the schema expected of it (a chain export, say). The message
 * names the line, column and offset, or the event and member.
 */
public final class JsonException extends TheaterException {
    public JsonException(String detail) {
        super(Phase.CHAIN, detail);
    }
}
