package dev.theater.chain.interop;

import dev.theater.chain.ChainException;
import dev.theater.chain.ChainFailure;
import dev.theater.chain.FailureReason;
import dev.theater.chain.Hash;
import dev.theater.chain.VerificationReport;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonWriter;
import dev.theater.api.json.JsonException;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JNull;
import dev.theater.api.json.JsonValue.JNumber;
import dev.theater.api.json.JsonValue.JObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies a chain exported by the Rust Theater: a JSON array of events
 * {@code {hash, parent_hash, event_type, data[, timestamp, description]}} with byte arrays written as arrays of
 * numbers. Its rule: an event's hash is SHA-1 of {@code serde_json::to_vec} of the event with
 * {@code "hash":[]} (members in the order written, compact, {@code null} for an absent parent or description);
 * each {@code parent_hash} is the previous event's hash, {@code null} for the first.
 *
 * <p>The export may be pretty-printed and may escape characters differently: each event is re-serialized the
 * way {@code serde_json} writes it (see {@link JsonWriter}) before hashing.
 */
public final class RustChainVerifier {
    private RustChainVerifier() {
    }

    /** Verifies the export; the report's failure names the first bad event by index and JSON character offset. */
    public static VerificationReport verify(String json) {
        if (!(JsonReader.parse(json) instanceof JArray array)) {
            throw new JsonException("a Rust Theater chain export is a JSON array of events");
        }
        MessageDigest sha1 = sha1();
        Optional<Hash> previous = Optional.empty();
        long index = 0;
        for (JsonValue v : array.items()) {
            if (!(v instanceof JObject event)) {
                throw new JsonException("event " + index + " is not an object");
            }
            long at = index;
            Hash stored = bytes(event, "hash", index).map(Hash::new).orElseThrow(
                    () -> new JsonException("event " + at + ": \"hash\" is null"));
            Optional<Hash> parent = bytes(event, "parent_hash", index).map(Hash::new);
            if (!parent.equals(previous)) {
                String expected = previous.map(h -> "parent " + h.hex()).orElse("no parent");
                String found = parent.map(h -> "parent " + h.hex()).orElse("no parent");
                return failed(index, event, previous, stored, FailureReason.BROKEN_PARENT_LINK,
                        "expected " + expected + " but the event names " + found);
            }
            Hash computed = new Hash(sha1.digest(canonical(event).getBytes(StandardCharsets.UTF_8)));
            if (!computed.equals(stored)) {
                return failed(index, event, previous, stored, FailureReason.HASH_MISMATCH,
                        "SHA-1 of the event is " + computed.hex());
            }
            previous = Optional.of(stored);
            index++;
        }
        return new VerificationReport("rust-json", index, previous, Optional.empty());
    }

    /** The bytes the Rust Theater hashed for this event: compact JSON with {@code "hash":[]}. */
    public static String canonical(JObject event) {
        Map<String, JsonValue> members = new LinkedHashMap<>(event.members());
        members.put("hash", new JArray(List.of()));
        return JsonWriter.write(new JObject(members, -1));
    }

    private static VerificationReport failed(long index, JObject event, Optional<Hash> previous, Hash stored,
                                             FailureReason reason, String detail) {
        ChainFailure f = new ChainFailure(index, event.position(), Optional.of(stored), reason, detail);
        return new VerificationReport("rust-json", index, previous, Optional.of(f));
    }

    private static Optional<byte[]> bytes(JObject event, String key, long index) {
        JsonValue v = event.get(key).orElseThrow(
                () -> new JsonException("event " + index + ": \"" + key + "\" is missing"));
        if (v == JNull.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JArray a)) {
            throw new JsonException("event " + index + ": \"" + key + "\" is not an array of bytes");
        }
        List<Integer> values = new ArrayList<>(a.items().size());
        for (JsonValue item : a.items()) {
            int b;
            try {
                b = item instanceof JNumber n ? Integer.parseInt(n.text()) : -1;
            } catch (NumberFormatException e) {
                b = -1;
            }
            if (b < 0 || b > 255) {
                throw new JsonException("event " + index + ": \"" + key + "\" holds " + JsonWriter.write(item)
                        + ", not a byte");
            }
            values.add(b);
        }
        if (values.isEmpty()) {
            throw new JsonException("event " + index + ": \"" + key + "\" is empty");
        }
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).byteValue();
        }
        return Optional.of(out);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new ChainException("this JVM has no SHA-1, which verifying Rust Theater exports needs", e);
        }
    }
}
