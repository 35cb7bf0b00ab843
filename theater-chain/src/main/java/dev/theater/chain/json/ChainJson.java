package dev.theater.chain.json;

import dev.theater.api.json.JsonException;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonWriter;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainIntegrityException;
import dev.theater.chain.ChainVerifier;
import dev.theater.chain.Hash;
import dev.theater.chain.VerificationReport;
import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JNull;
import dev.theater.api.json.JsonValue.JNumber;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Exports a chain as JSON and imports it back. Schema (one event per line):
 * <pre>
 * {"format":"theater-chain/1","hash_algorithm":"sha-256","data_encoding":"base64","events":[
 * {"hash":"&lt;64 hex&gt;","parent_hash":"&lt;64 hex&gt;"|null,"event_type":"...","data":"&lt;base64&gt;","timestamp":&lt;ms&gt;,"description":"..."|null}
 * ]}
 * </pre>
 * Hashes are lower-case hex; data is standard base64 with padding (RFC 4648 section 4).
 */
public final class ChainJson {
    /** The value of the {@code format} member. */
    public static final String FORMAT = "theater-chain/1";

    private ChainJson() {
    }

    /** The events as a JSON document. */
    public static String export(Iterable<ChainEvent> events) {
        JsonWriter out = new JsonWriter();
        out.raw("{\"format\":\"" + FORMAT + "\",\"hash_algorithm\":\"sha-256\",\"data_encoding\":\"base64\",\"events\":[");
        boolean first = true;
        for (ChainEvent e : events) {
            out.raw(first ? "\n" : ",\n");
            first = false;
            writeEvent(e, out);
        }
        return out.raw("\n]}\n").toString();
    }

    private static void writeEvent(ChainEvent e, JsonWriter out) {
        out.raw('{').name("hash").string(e.hash().hex()).raw(',').name("parent_hash");
        if (e.parentHash().isPresent()) {
            out.string(e.parentHash().get().hex());
        } else {
            out.nullValue();
        }
        out.raw(',').name("event_type").string(e.eventType())
                .raw(',').name("data").string(Base64.getEncoder().encodeToString(e.data()))
                .raw(',').name("timestamp").number(e.timestamp())
                .raw(',').name("description");
        if (e.description().isPresent()) {
            out.string(e.description().get());
        } else {
            out.nullValue();
        }
        out.raw('}');
    }

    /** Parses an export without verifying it. */
    public static List<ChainEvent> parse(String json) {
        if (!(JsonReader.parse(json) instanceof JObject root)) {
            throw new JsonException("a chain export is a JSON object");
        }
        String format = string(root, "format", "the document");
        if (!format.equals(FORMAT)) {
            throw new JsonException("unsupported chain export format '" + format + "'; expected '" + FORMAT + "'");
        }
        if (!(root.get("events").orElse(null) instanceof JArray array)) {
            throw new JsonException("the document has no \"events\" array");
        }
        List<ChainEvent> events = new ArrayList<>(array.items().size());
        for (int i = 0; i < array.items().size(); i++) {
            events.add(event(i, array.items().get(i)));
        }
        return events;
    }

    /** Parses and verifies an export. */
    public static VerificationReport verify(String json) {
        return ChainVerifier.verify("json", parse(json));
    }

    /**
     * Parses an export and verifies it; returns the events only when every one verified.
     *
     * @throws ChainIntegrityException naming the first bad event
     * @throws JsonException           when the document is malformed
     */
    public static List<ChainEvent> importVerified(String json) {
        List<ChainEvent> events = parse(json);
        ChainVerifier.verify("json", events).orThrow();
        return events;
    }

    private static ChainEvent event(int index, JsonValue v) {
        String where = "event " + index;
        if (!(v instanceof JObject o)) {
            throw new JsonException(where + " is not an object");
        }
        Hash hash = hex(o, "hash", where);
        Optional<Hash> parent = o.get("parent_hash").filter(p -> p != JNull.NULL).isPresent()
                ? Optional.of(hex(o, "parent_hash", where)) : Optional.empty();
        String type = string(o, "event_type", where);
        byte[] data;
        try {
            data = Base64.getDecoder().decode(string(o, "data", where));
        } catch (IllegalArgumentException e) {
            throw new JsonException(where + ": \"data\" is not base64: " + e.getMessage());
        }
        if (!(o.get("timestamp").orElse(null) instanceof JNumber n)) {
            throw new JsonException(where + ": \"timestamp\" is missing or not a number");
        }
        long timestamp;
        try {
            timestamp = n.asLong();
        } catch (NumberFormatException e) {
            throw new JsonException(where + ": \"timestamp\" " + n.text() + " is not a 64-bit integer");
        }
        Optional<String> description = o.get("description").filter(d -> d != JNull.NULL).isPresent()
                ? Optional.of(string(o, "description", where)) : Optional.empty();
        return new ChainEvent(hash, parent, type, data, timestamp, description);
    }

    private static String string(JObject o, String key, String where) {
        if (o.get(key).orElse(null) instanceof JString s) {
            return s.value();
        }
        throw new JsonException(where + ": \"" + key + "\" is missing or not a string");
    }

    private static Hash hex(JObject o, String key, String where) {
        String s = string(o, key, where);
        try {
            return Hash.ofHex(s);
        } catch (IllegalArgumentException e) {
            throw new JsonException(where + ": \"" + key + "\" is not hex: '" + s + "'");
        }
    }
}
