package dev.theater.chain.json;

import dev.theater.api.json.JsonWriter;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Writes WIT values as the JSON of chain event data, guided by their types so that records, variants, enums
 * and flags show their names. This is the JSON form of every value the runtime records (the table is in
 * theater-chain's README):
 * integers as numbers (u64 unsigned), f32/f64 as numbers with NaN and the infinities as the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, bool as itself, char and string as strings,
 * {@code list<u8>} as its text when it is well-formed UTF-8 (JSON messages stay readable) else
 * {@code {"base64":"..."}}, other lists and tuples as arrays, records as objects, option as {@code null} or the
 * value, result as {@code {"ok":v}} or {@code {"err":v}} ({@code null} for a side without a type), variants as
 * {@code {"<case>":v}}, enums as the case name, flags as an array of the names set. Where a value does not fit
 * its type (a bug elsewhere), names fall back to {@code field-<i>}, {@code case-<i>} and {@code flag-<i>}.
 *
 * <p><b>The payload rule.</b> A {@code list<u8>} or a string longer than the limit the caller passes (the runtime's
 * chain payload limit, 64 KiB by default) is written as {@code {"size":<bytes>,"sha256":"<hex>"}} instead: the
 * chain stays small and still pins the exact bytes (anyone holding them can check the hash).
 */
public final class WitJson {

    private WitJson() {
    }

    /** No payload limit: every byte is written. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /** A chain event payload: {@code {"<name>": value, ...}} for the given named values, no payload limit. */
    public static byte[] object(List<String> names, List<WitType> types, List<WitValue> values) {
        return object(names, types, values, UNLIMITED);
    }

    /** A chain event payload, payloads past {@code maxPayload} bytes written as their size and SHA-256. */
    public static byte[] object(List<String> names, List<WitType> types, List<WitValue> values, long maxPayload) {
        JsonWriter out = new JsonWriter();
        out.raw('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.name(names.get(i));
            write(out, types.get(i), values.get(i), maxPayload);
        }
        return out.raw('}').toByteArray();
    }

    /** A record value as a JSON object, its members named by the record type's fields; payloads past the limit hashed. */
    public static byte[] record(WitType.Record type, WitValue.RecordValue value, long maxPayload) {
        JsonWriter out = new JsonWriter();
        write(out, type, value, maxPayload);
        return out.toByteArray();
    }

    /** Writes {@code value} of type {@code type}, no payload limit. */
    public static void write(JsonWriter out, WitType type, WitValue value) {
        write(out, type, value, UNLIMITED);
    }

    /** Writes {@code value} of type {@code type}; a list of bytes or a string past {@code maxPayload} is hashed. */
    public static void write(JsonWriter out, WitType type, WitValue value, long maxPayload) {
        switch (value) {
            case WitValue.Bool v -> out.bool(v.value());
            case WitValue.S8 v -> out.number(v.value());
            case WitValue.U8 v -> out.number(v.value());
            case WitValue.S16 v -> out.number(v.value());
            case WitValue.U16 v -> out.number(v.value());
            case WitValue.S32 v -> out.number(v.value());
            case WitValue.U32 v -> out.number(v.value());
            case WitValue.S64 v -> out.number(v.value());
            case WitValue.U64 v -> out.unsigned(v.value());
            case WitValue.F32 v -> out.number(v.value(), true);
            case WitValue.F64 v -> out.number(v.value(), false);
            case WitValue.Char v -> out.string(Character.toString(v.codePoint()));
            case WitValue.Str v -> string(out, v.value(), maxPayload);
            case WitValue.Bytes v -> bytes(out, v.value(), maxPayload);
            case WitValue.ListValue v -> array(out, type, v.elements(), maxPayload);
            case WitValue.TupleValue v -> array(out, type, v.elements(), maxPayload);
            case WitValue.OptionValue v -> optional(out, type instanceof WitType.OptionOf o ? Optional.of(o.some())
                    : Optional.empty(), v.value(), maxPayload);
            case WitValue.ResultValue v -> result(out, type, v, maxPayload);
            case WitValue.RecordValue v -> record(out, type, v, maxPayload);
            case WitValue.VariantValue v -> variant(out, type, v, maxPayload);
            case WitValue.EnumValue v -> out.string(type instanceof WitType.Enum t && v.caseIndex() < t.cases().size()
                    ? t.cases().get(v.caseIndex()) : "case-" + v.caseIndex());
            case WitValue.FlagsValue v -> flags(out, type, v);
        }
    }

    /** A list or tuple as a JSON array. */
    private static void array(JsonWriter out, WitType type, List<WitValue> elements, long maxPayload) {
        out.raw('[');
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            write(out, elementType(type, i), elements.get(i), maxPayload);
        }
        out.raw(']');
    }

    private static WitType elementType(WitType type, int index) {
        return switch (type) {
            case WitType.ListOf l -> l.element();
            case WitType.Tuple t when index < t.elements().size() -> t.elements().get(index);
            default -> WitType.Primitive.STRING;
        };
    }

    private static void result(JsonWriter out, WitType type, WitValue.ResultValue v, long maxPayload) {
        out.raw('{').name(v.ok() ? "ok" : "err");
        Optional<WitType> side = type instanceof WitType.Result r ? (v.ok() ? r.ok() : r.err()) : Optional.empty();
        optional(out, side, v.payload(), maxPayload);
        out.raw('}');
    }

    private static void record(JsonWriter out, WitType type, WitValue.RecordValue v, long maxPayload) {
        List<WitType.Field> fields = type instanceof WitType.Record r ? r.fields() : List.of();
        out.raw('{');
        for (int i = 0; i < v.fields().size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            boolean known = i < fields.size();
            out.name(known ? fields.get(i).name() : "field-" + i);
            write(out, known ? fields.get(i).type() : WitType.Primitive.STRING, v.fields().get(i), maxPayload);
        }
        out.raw('}');
    }

    private static void variant(JsonWriter out, WitType type, WitValue.VariantValue v, long maxPayload) {
        out.raw('{');
        if (type instanceof WitType.Variant t && v.caseIndex() < t.cases().size()) {
            out.name(t.cases().get(v.caseIndex()).name());
            optional(out, t.cases().get(v.caseIndex()).payload(), v.payload(), maxPayload);
        } else {
            out.name("case-" + v.caseIndex());
            optional(out, Optional.empty(), v.payload(), maxPayload);
        }
        out.raw('}');
    }

    private static void flags(JsonWriter out, WitType type, WitValue.FlagsValue v) {
        List<String> names = type instanceof WitType.Flags f ? f.flags() : List.of();
        out.raw('[');
        boolean first = true;
        for (int bit = 0; bit < 32; bit++) {
            if ((v.bits() & (1 << bit)) != 0) {
                if (!first) {
                    out.raw(',');
                }
                first = false;
                out.string(bit < names.size() ? names.get(bit) : "flag-" + bit);
            }
        }
        out.raw(']');
    }

    /** {@code null} for an absent payload, else the payload (as a string when its type is unknown). */
    private static void optional(JsonWriter out, Optional<WitType> type, Optional<WitValue> payload, long maxPayload) {
        if (payload.isEmpty()) {
            out.nullValue();
        } else {
            write(out, type.orElse(WitType.Primitive.STRING), payload.get(), maxPayload);
        }
    }

    private static void string(JsonWriter out, String s, long maxPayload) {
        if (s.length() > maxPayload / 3) { // a UTF-16 unit is at most 3 UTF-8 bytes: count only when it may matter
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (utf8.length > maxPayload) {
                sizeAndHash(out, utf8);
                return;
            }
        }
        out.string(s);
    }

    /** {@code {"size":n,"sha256":"<hex>"}}: what the payload rule writes in place of a payload past the limit. */
    public static void sizeAndHash(JsonWriter out, byte[] bytes) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        out.raw('{').name("size").number(bytes.length).raw(',').name("sha256")
                .string(java.util.HexFormat.of().formatHex(digest)).raw('}');
    }

    private static void bytes(JsonWriter out, byte[] bytes, long maxPayload) {
        if (bytes.length > maxPayload) {
            sizeAndHash(out, bytes);
        } else if (isUtf8(bytes)) {
            out.utf8String(bytes); // escapes as it copies: no String in between
        } else {
            out.raw('{').name("base64").string(Base64.getEncoder().encodeToString(bytes)).raw('}');
        }
    }

    /** Whether {@code b} is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values past U+10FFFF). */
    public static boolean isUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= n) {
                return false; // truncated sequence
            }
            int cp = c & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }
}
