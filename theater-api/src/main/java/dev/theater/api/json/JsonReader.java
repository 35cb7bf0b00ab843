package dev.theater.api.json;

import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JBool;
import dev.theater.api.json.JsonValue.JNull;
import dev.theater.api.json.JsonValue.JNumber;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader: no comments, no trailing commas, no duplicate member names, at most
 * 512 levels deep. Errors name the line, column and offset. {@link JsonWriter} writes what this reads.
 */
public final class JsonReader {
    private static final int MAX_DEPTH = 512;
    private final String s;
    private int p;

    private JsonReader(String s) {
        this.s = s;
    }

    /** Parses one JSON value (surrounding whitespace allowed). */
    public static JsonValue parse(String text) {
        JsonReader j = new JsonReader(text);
        j.ws();
        JsonValue v = j.value(0);
        j.ws();
        if (j.p != text.length()) {
            throw j.error("unexpected '" + text.charAt(j.p) + "' after the value");
        }
        return v;
    }

    /** Parses one JSON value from UTF-8 bytes (a chain event's data, say). */
    public static JsonValue parse(byte[] utf8) {
        return parse(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
    }

    private JsonValue value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (p >= s.length()) {
            throw error("unexpected end of input");
        }
        char c = s.charAt(p);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> new JString(string());
            case 't' -> literal("true", new JBool(true));
            case 'f' -> literal("false", new JBool(false));
            case 'n' -> literal("null", JNull.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private JObject object(int depth) {
        int start = p++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            p++;
            return new JObject(Collections.unmodifiableMap(members), start);
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            int keyAt = p;
            String key = string();
            ws();
            expect(':');
            ws();
            if (members.put(key, value(depth + 1)) != null) {
                p = keyAt;
                throw error("duplicate member \"" + key + "\"");
            }
            ws();
            char c = next("',' or '}'");
            if (c == '}') {
                return new JObject(Collections.unmodifiableMap(members), start);
            }
            if (c != ',') {
                p--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private JArray array(int depth) {
        p++;
        List<JsonValue> items = new ArrayList<>();
        ws();
        if (peek() == ']') {
            p++;
            return new JArray(List.copyOf(items));
        }
        while (true) {
            ws();
            items.add(value(depth + 1));
            ws();
            char c = next("',' or ']'");
            if (c == ']') {
                return new JArray(Collections.unmodifiableList(items));
            }
            if (c != ',') {
                p--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        p++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next("closing '\"'");
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                p--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next("an escape");
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (p + 4 > s.length()) {
                        throw error("truncated \\u escape");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(p++), 16);
                        if (d < 0) {
                            p--;
                            throw error("bad hex digit in a \\u escape");
                        }
                        cp = cp * 16 + d;
                    }
                    sb.append((char) cp);
                }
                default -> {
                    p--;
                    throw error("bad escape '\\" + e + "'");
                }
            }
        }
    }

    private JNumber number() {
        int start = p;
        if (peek() == '-') {
            p++;
        }
        if (peek() == '0') {
            p++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                p++;
            }
        } else {
            throw error("expected a digit");
        }
        if (peek() == '.') {
            p++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            p++;
            if (peek() == '+' || peek() == '-') {
                p++;
            }
            digits();
        }
        return new JNumber(s.substring(start, p));
    }

    private void digits() {
        if (!isDigit(peek())) {
            throw error("expected a digit");
        }
        while (isDigit(peek())) {
            p++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue literal(String word, JsonValue v) {
        if (!s.startsWith(word, p)) {
            throw error("unexpected '" + s.charAt(p) + "'");
        }
        p += word.length();
        return v;
    }

    private void ws() {
        while (p < s.length()) {
            char c = s.charAt(p);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            p++;
        }
    }

    private char peek() {
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private char next(String expected) {
        if (p >= s.length()) {
            throw error("unexpected end of input, expected " + expected);
        }
        return s.charAt(p++);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        p++;
    }

    private JsonException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(p, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new JsonException("JSON line " + line + " column " + col + " (offset " + p + "): " + message);
    }
}
