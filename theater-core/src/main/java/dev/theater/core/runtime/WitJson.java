package dev.theater.core.runtime;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Writes WIT values as the JSON of chain events, guided by their types so that records, variants,
 * enums and flags show their names. The mapping: integers and floats as numbers (u64 unsigned; NaN and
 * infinities as strings), bool, char and string as themselves, {@code list<u8>} as its UTF-8 text when
 * it is valid UTF-8 (JSON messages stay readable) else {@code {"base64": "..."}}, lists and tuples as
 * arrays, records as objects, option as {@code null} or the value, result as {@code {"ok": v}} or
 * {@code {"err": v}}, variants as {@code {"<case>": v}}, enums as the case name, flags as an array of names.
 */
final class WitJson {

    private WitJson() {
    }

    /** A chain event payload: {@code {"<name>": value, ...}} for the given named values. */
    static byte[] object(List<String> names, List<WitType> types, List<WitValue> values) {
        JsonOut out = new JsonOut();
        out.raw('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.name(names.get(i));
            write(out, types.get(i), values.get(i));
        }
        return out.raw('}').toByteArray();
    }

    /** Writes {@code value} of type {@code type}; where the type does not describe the value, names fall back to indexes. */
    static void write(JsonOut out, WitType type, WitValue value) {
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
            case WitValue.Str v -> out.string(v.value());
            case WitValue.Bytes v -> writeBytes(out, v.value());
            case WitValue.ListValue v -> {
                WitType element = type instanceof WitType.ListOf l ? l.element() : WitType.Primitive.STRING;
                out.raw('[');
                for (int i = 0; i < v.elements().size(); i++) {
                    if (i > 0) {
                        out.raw(',');
                    }
                    write(out, element, v.elements().get(i));
                }
                out.raw(']');
            }
            case WitValue.OptionValue v -> {
                if (v.value().isEmpty()) {
                    out.nullValue();
                } else {
                    write(out, type instanceof WitType.OptionOf o ? o.some() : WitType.Primitive.STRING, v.value().get());
                }
            }
            case WitValue.ResultValue v -> {
                out.raw('{').name(v.ok() ? "ok" : "err");
                Optional<WitType> side = type instanceof WitType.Result r ? (v.ok() ? r.ok() : r.err()) : Optional.empty();
                writeOptionalPayload(out, side, v.payload());
                out.raw('}');
            }
            case WitValue.TupleValue v -> {
                List<WitType> types = type instanceof WitType.Tuple t ? t.elements() : List.of();
                out.raw('[');
                for (int i = 0; i < v.elements().size(); i++) {
                    if (i > 0) {
                        out.raw(',');
                    }
                    write(out, i < types.size() ? types.get(i) : WitType.Primitive.STRING, v.elements().get(i));
                }
                out.raw(']');
            }
            case WitValue.RecordValue v -> {
                List<WitType.Field> fields = type instanceof WitType.Record r ? r.fields() : List.of();
                out.raw('{');
                for (int i = 0; i < v.fields().size(); i++) {
                    if (i > 0) {
                        out.raw(',');
                    }
                    boolean known = i < fields.size();
                    out.name(known ? fields.get(i).name() : "field-" + i);
                    write(out, known ? fields.get(i).type() : WitType.Primitive.STRING, v.fields().get(i));
                }
                out.raw('}');
            }
            case WitValue.VariantValue v -> {
                out.raw('{');
                if (type instanceof WitType.Variant t && v.caseIndex() < t.cases().size()) {
                    out.name(t.cases().get(v.caseIndex()).name());
                    writeOptionalPayload(out, t.cases().get(v.caseIndex()).payload(), v.payload());
                } else {
                    out.name("case-" + v.caseIndex());
                    writeOptionalPayload(out, Optional.empty(), v.payload());
                }
                out.raw('}');
            }
            case WitValue.EnumValue v -> out.string(type instanceof WitType.Enum t && v.caseIndex() < t.cases().size()
                    ? t.cases().get(v.caseIndex()) : "case-" + v.caseIndex());
            case WitValue.FlagsValue v -> {
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
        }
    }

    private static void writeOptionalPayload(JsonOut out, Optional<WitType> type, Optional<WitValue> payload) {
        if (payload.isEmpty()) {
            out.nullValue();
        } else {
            write(out, type.orElse(WitType.Primitive.STRING), payload.get());
        }
    }

    private static void writeBytes(JsonOut out, byte[] bytes) {
        if (isUtf8(bytes)) {
            out.utf8String(bytes); // escapes as it copies: no String in between
        } else {
            out.raw('{').name("base64").string(Base64.getEncoder().encodeToString(bytes)).raw('}');
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
