package dev.theater.api.json;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed JSON value. Objects keep their members in the order written; numbers keep their text. */
public sealed interface JsonValue {
    /** An object; {@code position} is the character offset of its '{' in the source (or -1). */
    record JObject(Map<String, JsonValue> members, int position) implements JsonValue {
        public Optional<JsonValue> get(String key) {
            return Optional.ofNullable(members.get(key));
        }
    }

    /** An array. */
    record JArray(List<JsonValue> items) implements JsonValue {
    }

    /** A string. */
    record JString(String value) implements JsonValue {
    }

    /** A number, as written (for instance {@code 1700000000123} or {@code -1.5e3}). */
    record JNumber(String text) implements JsonValue {
        /** The value as a long; throws when it is not an integer in range. */
        public long asLong() {
            return Long.parseLong(text);
        }
    }

    /** {@code true} or {@code false}. */
    record JBool(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    enum JNull implements JsonValue {
        NULL
    }
}
