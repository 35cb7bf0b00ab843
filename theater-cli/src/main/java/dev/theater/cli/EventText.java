package dev.theater.cli;

import dev.theater.api.json.JsonException;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonWriter;
import dev.theater.chain.ChainEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code theater chain show} prints an event: one line ({@code index  time  type  description  data}), the
 * same with the data pretty-printed below it, or one JSON object per line.
 */
final class EventText {

    /** ISO-8601 in UTC, always with milliseconds, so the time column has one width. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventText() {
    }

    /** {@code 3  2025-06-01T10:00:00.123Z  theater:simple/runtime/log  -  {"args":{"msg":"hi"}}}. */
    static String line(long index, ChainEvent e) {
        return head(index, e) + "  " + data(e).map(JsonWriter::write).orElseGet(() -> notJson(e));
    }

    /** The line without its data, then the data pretty-printed, indented by four spaces (nothing when empty). */
    static String pretty(long index, ChainEvent e) {
        if (e.dataLength() == 0) {
            return head(index, e);
        }
        String data = data(e).map(v -> pretty(v, "    ")).orElseGet(() -> notJson(e));
        return head(index, e) + System.lineSeparator() + "    " + data;
    }

    /**
     * One JSON object: {@code index, time, timestamp, event_type, description, hash, parent_hash, data} where
     * {@code data} is the decoded JSON payload ({@code null} when empty); a payload that is not JSON comes as
     * {@code "data":null,"data_base64":"..."}.
     */
    static String json(long index, ChainEvent e) {
        JsonWriter w = new JsonWriter();
        w.raw('{').name("index").number(index)
                .raw(',').name("time").string(TIME.format(e.time()))
                .raw(',').name("timestamp").number(e.timestamp())
                .raw(',').name("event_type").string(e.eventType())
                .raw(',').name("description");
        if (e.description().isPresent()) {
            w.string(e.description().get());
        } else {
            w.nullValue();
        }
        w.raw(',').name("hash").string(e.hash().hex()).raw(',').name("parent_hash");
        if (e.parentHash().isPresent()) {
            w.string(e.parentHash().get().hex());
        } else {
            w.nullValue();
        }
        Optional<JsonValue> data = data(e);
        w.raw(',').name("data").value(data.orElse(JsonValue.JNull.NULL));
        if (data.isEmpty() && e.dataLength() > 0) {
            w.raw(',').name("data_base64").string(Base64.getEncoder().encodeToString(e.data()));
        }
        return w.raw('}').toString();
    }

    private static String head(long index, ChainEvent e) {
        return index + "  " + TIME.format(e.time()) + "  " + e.eventType() + "  "
                + e.description().map(d -> new JsonWriter().string(d).toString()).orElse("-");
    }

    /** The payload parsed as JSON; empty when there is none or it is not JSON. */
    static Optional<JsonValue> data(ChainEvent e) {
        if (e.dataLength() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonReader.parse(e.data()));
        } catch (JsonException notJson) {
            return Optional.empty();
        }
    }

    private static String notJson(ChainEvent e) {
        return e.dataLength() == 0 ? "-"
                : "<" + e.dataLength() + " bytes, not JSON: base64 " + Base64.getEncoder().encodeToString(e.data()) + ">";
    }

    /** {@code v} with two-space indentation, each nested line starting with {@code indent}. */
    static String pretty(JsonValue v, String indent) {
        String inner = indent + "  ";
        String nl = System.lineSeparator();
        return switch (v) {
            case JsonValue.JObject o when !o.members().isEmpty() -> {
                StringBuilder sb = new StringBuilder("{");
                String sep = "";
                for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
                    sb.append(sep).append(nl).append(inner).append(new JsonWriter().string(m.getKey()))
                            .append(": ").append(pretty(m.getValue(), inner));
                    sep = ",";
                }
                yield sb.append(nl).append(indent).append('}').toString();
            }
            case JsonValue.JArray a when !a.items().isEmpty() -> {
                StringBuilder sb = new StringBuilder("[");
                String sep = "";
                for (JsonValue item : a.items()) {
                    sb.append(sep).append(nl).append(inner).append(pretty(item, inner));
                    sep = ",";
                }
                yield sb.append(nl).append(indent).append(']').toString();
            }
            default -> JsonWriter.write(v);
        };
    }
}
