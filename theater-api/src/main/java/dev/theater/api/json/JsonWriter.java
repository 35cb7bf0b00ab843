package dev.theater.api.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The one JSON writer of the project: everything written into a chain (host calls, export calls, handler
 * events, lifecycle events), chain exports, and the re-serialization that verifies Rust Theater exports go
 * through it, so the same value is always the same bytes.
 *
 * <p>Output is compact UTF-8. Strings are escaped exactly as {@code serde_json} does: {@code "} and
 * {@code &#92;} with a backslash, {@code &#92;b &#92;f &#92;n &#92;r &#92;t} as those escapes, every other control character below
 * U+0020 as lower-case {@code &#92;u00xx}, and everything else (DEL and non-ASCII included) as it is. A lone
 * UTF-16 surrogate in a Java string is written as {@code ?}, as {@link String#getBytes} does.
 *
 * <p>It writes into a growable byte array with no intermediate objects: every message an actor handles is
 * written as JSON two or three times on the actors' threads. Callers place commas and colons with {@link #raw}
 * ({@link #name} writes a member name and its colon).
 */
public final class JsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[256];
    private int len;

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The text written so far. */
    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }

    /** One structural character: {@code { } [ ] , :}. */
    public JsonWriter raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** ASCII text copied as it is: a literal, a number, or JSON already written by this writer. */
    public JsonWriter raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** {@code "name":}. */
    public JsonWriter name(String name) {
        string(name);
        return raw(':');
    }

    /** A JSON string of {@code s}. */
    public JsonWriter string(String s) {
        int n = s.length();
        ensure(n + 2);
        int start = len;
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
                len = start; // not plain ASCII: take the general path
                return utf8String(s.getBytes(StandardCharsets.UTF_8));
            }
            buf[len++] = (byte) c;
        }
        buf[len++] = '"';
        return this;
    }

    /** A JSON string of well-formed UTF-8 bytes, copied as they are but for the escapes JSON needs. */
    public JsonWriter utf8String(byte[] utf8) {
        ensure(utf8.length + 2);
        buf[len++] = '"';
        for (byte b : utf8) {
            int c = b & 0xFF;
            if (c == '"' || c == '\\') {
                ensure(2);
                buf[len++] = '\\';
                buf[len++] = (byte) c;
            } else if (c < 0x20) {
                escapeControl(c);
            } else {
                ensure(1);
                buf[len++] = b;
            }
        }
        ensure(1);
        buf[len++] = '"';
        return this;
    }

    private void escapeControl(int c) {
        ensure(6);
        buf[len++] = '\\';
        switch (c) {
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\t' -> buf[len++] = 't';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                buf[len++] = 'u';
                buf[len++] = '0';
                buf[len++] = '0';
                buf[len++] = HEX[c >> 4];
                buf[len++] = HEX[c & 0xF];
            }
        }
    }

    public JsonWriter number(long value) {
        return raw(Long.toString(value));
    }

    /** The 64 bits of {@code value} read as unsigned. */
    public JsonWriter unsigned(long value) {
        return raw(Long.toUnsignedString(value));
    }

    /**
     * A finite number as Java prints it (shortest form that reads back the same, e.g. {@code 1.5}, {@code 1.0E10});
     * NaN and the infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, which JSON
     * numbers cannot be.
     */
    public JsonWriter number(double value, boolean single) {
        if (!Double.isFinite(value)) {
            return string(Double.toString(value));
        }
        return raw(single ? Float.toString((float) value) : Double.toString(value));
    }

    public JsonWriter bool(boolean value) {
        return raw(value ? "true" : "false");
    }

    public JsonWriter nullValue() {
        return raw("null");
    }

    /** A parsed value, compactly, members in the order they were read; numbers keep their text. */
    public JsonWriter value(JsonValue v) {
        switch (v) {
            case JsonValue.JObject o -> {
                raw('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> m : o.members().entrySet()) {
                    if (!first) {
                        raw(',');
                    }
                    first = false;
                    name(m.getKey());
                    value(m.getValue());
                }
                raw('}');
            }
            case JsonValue.JArray a -> {
                raw('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) {
                        raw(',');
                    }
                    value(a.items().get(i));
                }
                raw(']');
            }
            case JsonValue.JString s -> string(s.value());
            case JsonValue.JNumber n -> raw(n.text());
            case JsonValue.JBool b -> bool(b.value());
            case JsonValue.JNull n -> nullValue();
        }
        return this;
    }

    /** {@code v} written compactly. */
    public static String write(JsonValue v) {
        return new JsonWriter().value(v).toString();
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
