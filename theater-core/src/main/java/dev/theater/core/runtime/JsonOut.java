package dev.theater.core.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON writer into a growable byte array, for the fixed shapes of chain event data. It exists for
 * speed: every message an actor handles is written as JSON two or three times on the actors' threads, and a
 * general generator (Jackson's, used before) cost a third of the CPU of a send; this one writes UTF-8 payloads
 * and ASCII text without intermediate objects. Strings are escaped per RFC 8259 (quote, backslash, control
 * characters); callers place the commas and colons.
 */
final class JsonOut {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[256];
    private int len;

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    JsonOut raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    JsonOut raw(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** {@code "name":}. */
    JsonOut name(String name) {
        string(name);
        return raw(':');
    }

    /** A JSON string of {@code s}; lone surrogates become {@code ?}, as in {@link String#getBytes}. */
    JsonOut string(String s) {
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
    JsonOut utf8String(byte[] utf8) {
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

    JsonOut number(long value) {
        return raw(Long.toString(value));
    }

    JsonOut unsigned(long value) {
        return raw(Long.toUnsignedString(value));
    }

    /** A finite number as itself; NaN and the infinities as strings, which JSON numbers cannot be. */
    JsonOut number(double value, boolean single) {
        if (!Double.isFinite(value)) {
            return string(Double.toString(value));
        }
        return raw(single ? Float.toString((float) value) : Double.toString(value));
    }

    JsonOut bool(boolean value) {
        return raw(value ? "true" : "false");
    }

    JsonOut nullValue() {
        return raw("null");
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
