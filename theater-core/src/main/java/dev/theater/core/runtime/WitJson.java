package dev.theater.core.runtime;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes WIT values as the JSON of chain events, guided by their types so that records, variants,
 * enums and flags show their names. The mapping: integers and floats as numbers (u64 unsigned; NaN and
 * infinities as strings), bool, char and string as themselves, {@code list<u8>} as its UTF-8 text when
 * it is valid UTF-8 (JSON messages stay readable) else {@code {"base64": "..."}}, lists and tuples as
 * arrays, records as objects, option as {@code null} or the value, result as {@code {"ok": v}} or
 * {@code {"err": v}}, variants as {@code {"<case>": v}}, enums as the case name, flags as an array of names.
 */
final class WitJson {

    private static final JsonFactory JSON = new JsonFactory();

    private WitJson() {
    }

    /** A chain event payload: {@code {"<name>": value, ...}} for the given named values. */
    static byte[] object(List<String> names, List<WitType> types, List<WitValue> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            for (int i = 0; i < names.size(); i++) {
                g.writeName(names.get(i));
                write(g, types.get(i), values.get(i));
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Writes {@code value} of type {@code type}; a value that does not fit its type is written as its toString. */
    static void write(JsonGenerator g, WitType type, WitValue value) {
        switch (value) {
            case WitValue.Bool v -> g.writeBoolean(v.value());
            case WitValue.S8 v -> g.writeNumber(v.value());
            case WitValue.U8 v -> g.writeNumber(v.value());
            case WitValue.S16 v -> g.writeNumber(v.value());
            case WitValue.U16 v -> g.writeNumber(v.value());
            case WitValue.S32 v -> g.writeNumber(v.value());
            case WitValue.U32 v -> g.writeNumber(v.value());
            case WitValue.S64 v -> g.writeNumber(v.value());
            case WitValue.U64 v -> g.writeNumber(new java.math.BigInteger(Long.toUnsignedString(v.value())));
            case WitValue.F32 v -> writeFloat(g, v.value());
            case WitValue.F64 v -> writeFloat(g, v.value());
            case WitValue.Char v -> g.writeString(Character.toString(v.codePoint()));
            case WitValue.Str v -> g.writeString(v.value());
            case WitValue.Bytes v -> writeBytes(g, v.value());
            case WitValue.ListValue v -> {
                WitType element = type instanceof WitType.ListOf l ? l.element() : WitType.Primitive.STRING;
                g.writeStartArray();
                for (WitValue e : v.elements()) {
                    write(g, element, e);
                }
                g.writeEndArray();
            }
            case WitValue.OptionValue v -> {
                if (v.value().isEmpty()) {
                    g.writeNull();
                } else {
                    write(g, type instanceof WitType.OptionOf o ? o.some() : WitType.Primitive.STRING, v.value().get());
                }
            }
            case WitValue.ResultValue v -> {
                g.writeStartObject();
                g.writeName(v.ok() ? "ok" : "err");
                Optional<WitType> side = type instanceof WitType.Result r ? (v.ok() ? r.ok() : r.err()) : Optional.empty();
                writeOptionalPayload(g, side, v.payload());
                g.writeEndObject();
            }
            case WitValue.TupleValue v -> {
                List<WitType> types = type instanceof WitType.Tuple t ? t.elements() : List.of();
                g.writeStartArray();
                for (int i = 0; i < v.elements().size(); i++) {
                    write(g, i < types.size() ? types.get(i) : WitType.Primitive.STRING, v.elements().get(i));
                }
                g.writeEndArray();
            }
            case WitValue.RecordValue v -> {
                List<WitType.Field> fields = type instanceof WitType.Record r ? r.fields() : List.of();
                g.writeStartObject();
                for (int i = 0; i < v.fields().size(); i++) {
                    boolean known = i < fields.size();
                    g.writeName(known ? fields.get(i).name() : "field-" + i);
                    write(g, known ? fields.get(i).type() : WitType.Primitive.STRING, v.fields().get(i));
                }
                g.writeEndObject();
            }
            case WitValue.VariantValue v -> {
                g.writeStartObject();
                if (type instanceof WitType.Variant t && v.caseIndex() < t.cases().size()) {
                    g.writeName(t.cases().get(v.caseIndex()).name());
                    writeOptionalPayload(g, t.cases().get(v.caseIndex()).payload(), v.payload());
                } else {
                    g.writeName("case-" + v.caseIndex());
                    writeOptionalPayload(g, Optional.empty(), v.payload());
                }
                g.writeEndObject();
            }
            case WitValue.EnumValue v -> g.writeString(type instanceof WitType.Enum t && v.caseIndex() < t.cases().size()
                    ? t.cases().get(v.caseIndex()) : "case-" + v.caseIndex());
            case WitValue.FlagsValue v -> {
                List<String> names = type instanceof WitType.Flags f ? f.flags() : List.of();
                g.writeStartArray();
                for (int bit = 0; bit < 32; bit++) {
                    if ((v.bits() & (1 << bit)) != 0) {
                        g.writeString(bit < names.size() ? names.get(bit) : "flag-" + bit);
                    }
                }
                g.writeEndArray();
            }
        }
    }

    private static void writeOptionalPayload(JsonGenerator g, Optional<WitType> type, Optional<WitValue> payload) {
        if (payload.isEmpty()) {
            g.writeNull();
        } else {
            write(g, type.orElse(WitType.Primitive.STRING), payload.get());
        }
    }

    private static void writeFloat(JsonGenerator g, double value) {
        if (Double.isFinite(value)) {
            g.writeNumber(value);
        } else {
            g.writeString(Double.toString(value));
        }
    }

    private static void writeBytes(JsonGenerator g, byte[] bytes) {
        if (isUtf8(bytes)) {
            g.writeUTF8String(bytes, 0, bytes.length); // escapes as it copies: no String in between
        } else {
            g.writeStartObject();
            g.writeName("base64");
            g.writeString(Base64.getEncoder().encodeToString(bytes));
            g.writeEndObject();
        }
    }

    /** Whether {@code b} is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values past U+10FFFF). */
    static boolean isUtf8(byte[] b) {
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
