package dev.theater.handler.store;

import dev.theater.api.json.JsonException;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.api.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of one label file, {@code labels/<sha256 of the label's UTF-8>}: a JSON line
 * {@code {"label":"<label>","refs":["<hash>",...]}} (refs oldest first, the latest added last), then a line with
 * the lowercase hex SHA-256 of that JSON line's bytes. The checksum catches a flipped byte, so a damaged label is an
 * error instead of a wrong content ref; the label inside tells {@code list-labels} the name the file's name hides.
 *
 * @param label the label
 * @param refs  the content refs it names, oldest first (none twice)
 */
record LabelFile(String label, List<String> refs) {

    /** The most contents one label names: each change rewrites the label's file, so this bounds its size. */
    static final int MAX_REFS = 10_000;

    /** A label file is never larger than this (1,024 bytes of label, escaped, and 10,000 refs fit well under it). */
    static final int MAX_FILE_BYTES = 1 << 20;

    LabelFile {
        refs = List.copyOf(refs);
    }

    /** The label file's name: the SHA-256 of the label, so that no label is ever a path segment. */
    static String fileName(byte[] labelUtf8) {
        return Names.sha256Hex(labelUtf8);
    }

    byte[] encode() {
        JsonWriter json = new JsonWriter().raw('{').name("label").string(label).raw(',').name("refs").raw('[');
        for (int i = 0; i < refs.size(); i++) {
            if (i > 0) {
                json.raw(',');
            }
            json.string(refs.get(i));
        }
        byte[] line = json.raw("]}").toByteArray();
        byte[] check = ("\n" + Names.sha256Hex(line) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] file = Arrays.copyOf(line, line.length + check.length);
        System.arraycopy(check, 0, file, line.length, check.length);
        return file;
    }

    /**
     * Reads a label file named {@code fileName}; throws a {@link StoreException} naming the file and what is wrong
     * when its checksum, its JSON, its refs or its name do not hold.
     */
    static LabelFile decode(byte[] file, String fileName, String storeId) {
        int end = file.length - 1 - Names.HASH_CHARS - 1; // the '\n' between the JSON line and the checksum
        if (end < 0 || file[end] != '\n' || file[file.length - 1] != '\n') {
            throw corrupt(fileName, storeId, "it does not end with a checksum line");
        }
        byte[] line = Arrays.copyOf(file, end);
        String check = new String(file, end + 1, Names.HASH_CHARS, StandardCharsets.US_ASCII);
        if (!check.equals(Names.sha256Hex(line))) {
            throw corrupt(fileName, storeId, "its checksum does not match its contents");
        }
        try {
            JObject object = (JObject) JsonReader.parse(line);
            String label = ((JString) object.get("label").orElseThrow()).value();
            List<String> refs = new ArrayList<>();
            for (JsonValue ref : ((JArray) object.get("refs").orElseThrow()).items()) {
                String hash = ((JString) ref).value();
                if (!Names.isLowerHex(hash, Names.HASH_CHARS)) {
                    throw corrupt(fileName, storeId, "it names " + Names.quote(hash) + ", which is not a content ref");
                }
                refs.add(hash);
            }
            if (refs.isEmpty()) {
                throw corrupt(fileName, storeId, "it names no content");
            }
            if (!fileName.equals(fileName(label.getBytes(StandardCharsets.UTF_8)))) {
                throw corrupt(fileName, storeId, "it holds label " + Names.quote(label) + ", whose file has another name");
            }
            return new LabelFile(label, refs);
        } catch (JsonException | ClassCastException | java.util.NoSuchElementException e) {
            throw corrupt(fileName, storeId, "it is not a label record: " + e.getMessage());
        }
    }

    private static StoreException corrupt(String fileName, String storeId, String why) {
        return new StoreException("label file labels/" + fileName + " in store '" + storeId + "' is corrupt: " + why);
    }
}
