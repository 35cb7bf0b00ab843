package dev.theater.core.component;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.Char;
import dev.theater.api.wit.WitValue.EnumValue;
import dev.theater.api.wit.WitValue.F32;
import dev.theater.api.wit.WitValue.F64;
import dev.theater.api.wit.WitValue.FlagsValue;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.S16;
import dev.theater.api.wit.WitValue.S32;
import dev.theater.api.wit.WitValue.S64;
import dev.theater.api.wit.WitValue.S8;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U16;
import dev.theater.api.wit.WitValue.U32;
import dev.theater.api.wit.WitValue.U64;
import dev.theater.api.wit.WitValue.U8;
import dev.theater.api.wit.WitValue.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conformance test's JSON encoding of WIT values (tools/components/conformance/README.md, "JSON encoding"), to
 * and from {@link WitValue}s, driven by the WIT type. The Node side is tools/components/conformance/wit-json.mjs.
 */
final class WitJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern F32_BITS = Pattern.compile("0x[0-9a-f]{8}");
    private static final Pattern F64_BITS = Pattern.compile("0x[0-9a-f]{16}");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)");

    private WitJson() {
    }

    /** A malformed value in the call script, with its JSON path. */
    static final class BadValue extends RuntimeException {
        BadValue(String path, String message) {
            super(path + ": " + message);
        }
    }

    static WitValue decode(WitType type, JsonNode j, String path) {
        return switch (type) {
            case WitType.Primitive p -> primitive(p, j, path);
            case WitType.ListOf l -> {
                requireArray(j, path, "list");
                if (l.element() == WitType.Primitive.U8) {
                    byte[] bytes = new byte[j.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) integer(j.get(i), path + "[" + i + "]", 0, 255);
                    }
                    yield new Bytes(bytes);
                }
                List<WitValue> out = new ArrayList<>();
                for (int i = 0; i < j.size(); i++) {
                    out.add(decode(l.element(), j.get(i), path + "[" + i + "]"));
                }
                yield new ListValue(out);
            }
            case WitType.OptionOf o -> {
                if (j.isNull()) {
                    yield OptionValue.none();
                }
                if (o.some() instanceof WitType.OptionOf) {
                    throw new BadValue(path, "option<option<T>> is not supported by the conformance encoding");
                }
                if (!j.isObject() || j.size() != 1 || !j.has("some")) {
                    throw new BadValue(path, "option must be null or {\"some\": v}, got " + j);
                }
                yield OptionValue.some(decode(o.some(), j.get("some"), path + ".some"));
            }
            case WitType.Result r -> {
                boolean ok = j.isObject() && j.size() == 1 && j.has("ok");
                if (!ok && !(j.isObject() && j.size() == 1 && j.has("err"))) {
                    throw new BadValue(path, "result must be {\"ok\": v} or {\"err\": v}, got " + j);
                }
                String tag = ok ? "ok" : "err";
                Optional<WitType> payload = ok ? r.ok() : r.err();
                if (payload.isEmpty() && !j.get(tag).isNull()) {
                    throw new BadValue(path, "result " + tag + " has no payload: write {\"" + tag + "\": null}");
                }
                Optional<WitValue> v = payload.map(t -> decode(t, j.get(tag), path + "." + tag));
                yield new ResultValue(ok, v);
            }
            case WitType.Tuple t -> {
                if (!j.isArray() || j.size() != t.elements().size()) {
                    throw new BadValue(path, "tuple of " + t.elements().size() + " must be an array of that length");
                }
                List<WitValue> out = new ArrayList<>();
                for (int i = 0; i < j.size(); i++) {
                    out.add(decode(t.elements().get(i), j.get(i), path + "[" + i + "]"));
                }
                yield new TupleValue(out);
            }
            case WitType.Record r -> {
                if (!j.isObject()) {
                    throw new BadValue(path, "record " + r.name() + " must be an object");
                }
                List<String> names = r.fields().stream().map(WitType.Field::name).toList();
                for (String n : j.propertyNames()) {
                    if (!names.contains(n)) {
                        throw new BadValue(path, "record " + r.name() + " has no field " + n);
                    }
                }
                List<WitValue> out = new ArrayList<>();
                for (WitType.Field f : r.fields()) {
                    if (!j.has(f.name())) {
                        throw new BadValue(path, "record " + r.name() + " lacks field " + f.name());
                    }
                    out.add(decode(f.type(), j.get(f.name()), path + "." + f.name()));
                }
                yield new RecordValue(out);
            }
            case WitType.Variant v -> {
                String name = j.isObject() && j.has("case") ? j.get("case").asString() : null;
                int index = -1;
                for (int i = 0; i < v.cases().size(); i++) {
                    if (v.cases().get(i).name().equals(name)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    throw new BadValue(path, "variant " + v.name() + " must be {\"case\": <case name>[, \"value\": v]}, got " + j);
                }
                Optional<WitType> payload = v.cases().get(index).payload();
                if (payload.isEmpty() && j.has("value")) {
                    throw new BadValue(path, "case " + name + " of " + v.name() + " has no payload");
                }
                yield new VariantValue(index, payload.map(p -> decode(p, j.get("value"), path + ".value")));
            }
            case WitType.Enum e -> {
                int index = j.isString() ? e.cases().indexOf(j.stringValue()) : -1;
                if (index < 0) {
                    throw new BadValue(path, "enum " + e.name() + " must be one of " + e.cases() + ", got " + j);
                }
                yield new EnumValue(index);
            }
            case WitType.Flags f -> {
                requireArray(j, path, "flags " + f.name());
                int bits = 0;
                for (JsonNode n : j.values()) {
                    int i = n.isString() ? f.flags().indexOf(n.stringValue()) : -1;
                    if (i < 0) {
                        throw new BadValue(path, "flags " + f.name() + " has no flag " + n);
                    }
                    bits |= 1 << i;
                }
                yield new FlagsValue(bits);
            }
        };
    }

    private static WitValue primitive(WitType.Primitive p, JsonNode j, String path) {
        return switch (p) {
            case BOOL -> {
                if (!j.isBoolean()) {
                    throw new BadValue(path, "bool must be true or false, got " + j);
                }
                yield new Bool(j.booleanValue());
            }
            case S8 -> new S8((byte) integer(j, path, -128, 127));
            case U8 -> new U8((int) integer(j, path, 0, 255));
            case S16 -> new S16((short) integer(j, path, -32768, 32767));
            case U16 -> new U16((int) integer(j, path, 0, 65535));
            case S32 -> new S32((int) integer(j, path, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case U32 -> new U32(integer(j, path, 0, 4294967295L));
            case S64, U64 -> {
                if (!j.isString() || !DECIMAL.matcher(j.stringValue()).matches()) {
                    throw new BadValue(path, p.wit() + " must be a decimal string, got " + j);
                }
                try {
                    yield p == WitType.Primitive.S64 ? new S64(Long.parseLong(j.stringValue()))
                            : new U64(Long.parseUnsignedLong(j.stringValue()));
                } catch (NumberFormatException e) {
                    throw new BadValue(path, j.stringValue() + " is out of range for " + p.wit());
                }
            }
            case F32 -> new F32(Float.intBitsToFloat((int) Long.parseLong(bits(j, path, F32_BITS, 8), 16)));
            case F64 -> new F64(Double.longBitsToDouble(Long.parseUnsignedLong(bits(j, path, F64_BITS, 16), 16)));
            case CHAR -> {
                long cp = j.isIntegralNumber() ? j.longValue() : -1;
                if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw new BadValue(path, "char must be a Unicode scalar value (code point number), got " + j);
                }
                yield new Char((int) cp);
            }
            case STRING -> {
                if (!j.isString()) {
                    throw new BadValue(path, "string expected, got " + j);
                }
                yield new Str(j.stringValue());
            }
        };
    }

    private static String bits(JsonNode j, String path, Pattern form, int digits) {
        if (!j.isString() || !form.matcher(j.stringValue()).matches()) {
            throw new BadValue(path, "a float must be its bit pattern as \"0x\" + " + digits + " lower-case hex digits, got " + j);
        }
        return j.stringValue().substring(2);
    }

    private static long integer(JsonNode j, String path, long min, long max) {
        if (!j.isIntegralNumber() || !j.canConvertToLong() || j.longValue() < min || j.longValue() > max) {
            throw new BadValue(path, "an integer in " + min + ".." + max + " expected, got " + j);
        }
        return j.longValue();
    }

    private static void requireArray(JsonNode j, String path, String what) {
        if (!j.isArray()) {
            throw new BadValue(path, what + " must be an array, got " + j);
        }
    }

    static JsonNode encode(WitType type, WitValue value) {
        return switch (type) {
            case WitType.Primitive p -> switch (value) {
                case Bool b -> JSON.booleanNode(b.value());
                case S8 v -> JSON.numberNode(v.value());
                case U8 v -> JSON.numberNode(v.value());
                case S16 v -> JSON.numberNode(v.value());
                case U16 v -> JSON.numberNode(v.value());
                case S32 v -> JSON.numberNode(v.value());
                case U32 v -> JSON.numberNode(v.value());
                case S64 v -> JSON.stringNode(Long.toString(v.value()));
                case U64 v -> JSON.stringNode(Long.toUnsignedString(v.value()));
                // one NaN, as the canonical ABI's value model has it: NaN payloads of WIT values are not compared
                case F32 v -> JSON.stringNode(Float.isNaN(v.value()) ? "nan"
                        : String.format("0x%08x", Float.floatToRawIntBits(v.value())));
                case F64 v -> JSON.stringNode(Double.isNaN(v.value()) ? "nan"
                        : String.format("0x%016x", Double.doubleToRawLongBits(v.value())));
                case Char c -> JSON.numberNode(c.codePoint());
                case Str s -> JSON.stringNode(s.value());
                default -> throw new IllegalArgumentException("a " + p.wit() + " cannot be " + value);
            };
            case WitType.ListOf l -> {
                ArrayNode out = JSON.arrayNode();
                if (value instanceof Bytes b) {
                    for (byte x : b.value()) {
                        out.add(x & 0xFF);
                    }
                } else {
                    for (WitValue e : ((ListValue) value).elements()) {
                        out.add(encode(l.element(), e));
                    }
                }
                yield out;
            }
            case WitType.OptionOf o -> {
                OptionValue v = (OptionValue) value;
                if (v.value().isEmpty()) {
                    yield JSON.nullNode();
                }
                ObjectNode out = JSON.objectNode();
                out.set("some", encode(o.some(), v.value().get()));
                yield out;
            }
            case WitType.Result r -> {
                ResultValue v = (ResultValue) value;
                Optional<WitType> payload = v.ok() ? r.ok() : r.err();
                ObjectNode out = JSON.objectNode();
                out.set(v.ok() ? "ok" : "err", payload.isPresent() ? encode(payload.get(), v.payload().orElseThrow())
                        : JSON.nullNode());
                yield out;
            }
            case WitType.Tuple t -> {
                ArrayNode out = JSON.arrayNode();
                List<WitValue> es = ((TupleValue) value).elements();
                for (int i = 0; i < es.size(); i++) {
                    out.add(encode(t.elements().get(i), es.get(i)));
                }
                yield out;
            }
            case WitType.Record r -> {
                ObjectNode out = JSON.objectNode();
                List<WitValue> fs = ((RecordValue) value).fields();
                for (int i = 0; i < fs.size(); i++) {
                    out.set(r.fields().get(i).name(), encode(r.fields().get(i).type(), fs.get(i)));
                }
                yield out;
            }
            case WitType.Variant v -> {
                VariantValue vv = (VariantValue) value;
                WitType.Case c = v.cases().get(vv.caseIndex());
                ObjectNode out = JSON.objectNode();
                out.put("case", c.name());
                if (c.payload().isPresent()) {
                    out.set("value", encode(c.payload().get(), vv.payload().orElseThrow()));
                }
                yield out;
            }
            case WitType.Enum e -> JSON.stringNode(e.cases().get(((EnumValue) value).caseIndex()));
            case WitType.Flags f -> {
                ArrayNode out = JSON.arrayNode();
                int bits = ((FlagsValue) value).bits();
                for (int i = 0; i < f.flags().size(); i++) {
                    if ((bits >>> i & 1) != 0) {
                        out.add(f.flags().get(i));
                    }
                }
                yield out;
            }
        };
    }
}
