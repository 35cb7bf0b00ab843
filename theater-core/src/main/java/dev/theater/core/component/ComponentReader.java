package dev.theater.core.component;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/** A cursor over a component's bytes: LEB128 integers, names and sub-ranges, every read bounds-checked. */
final class ComponentReader {

    private final byte[] bytes;
    private final int start;
    private int pos;
    private final int end;

    ComponentReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.pos = start;
        this.end = end;
    }

    /** A new cursor over the same range, from its start (a nested component is read again at each instantiation). */
    ComponentReader fresh() {
        return new ComponentReader(bytes, start, end);
    }

    int offset() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int u8() {
        if (pos >= end) {
            throw new ComponentFormatException(pos, "unexpected end of data");
        }
        return bytes[pos++] & 0xff;
    }

    int peek() {
        if (pos >= end) {
            throw new ComponentFormatException(pos, "unexpected end of data");
        }
        return bytes[pos] & 0xff;
    }

    /** An unsigned LEB128 of at most 32 bits. */
    int u32() {
        int at = pos;
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (result > 0xffff_ffffL) {
                    throw new ComponentFormatException(at, "integer too large for u32");
                }
                return (int) result;
            }
        }
        throw new ComponentFormatException(at, "integer too long for u32");
    }

    /** A count or an index, which must fit a Java int and the bytes that remain (a count larger than the rest is malformed). */
    int count() {
        int at = pos;
        int n = u32();
        if (n < 0 || n > end - pos) {
            throw new ComponentFormatException(at, "count " + Integer.toUnsignedString(n) + " exceeds the "
                    + (end - pos) + " bytes that remain");
        }
        return n;
    }

    int index() {
        int at = pos;
        int n = u32();
        if (n < 0) {
            throw new ComponentFormatException(at, "index " + Integer.toUnsignedString(n) + " is out of range");
        }
        return n;
    }

    String name() {
        int at = pos;
        int length = count();
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, length)).toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw new ComponentFormatException(at, "a name is not valid UTF-8");
        }
    }

    /** The next {@code length} bytes as their own reader; this one skips past them. */
    ComponentReader slice(int length) {
        if (length < 0 || length > end - pos) {
            throw new ComponentFormatException(pos, "a section of " + Integer.toUnsignedString(length)
                    + " bytes runs past the end (" + (end - pos) + " bytes remain)");
        }
        ComponentReader sub = new ComponentReader(bytes, pos, pos + length);
        pos += length;
        return sub;
    }

    byte[] copy(int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(bytes, from, out, 0, out.length);
        return out;
    }

    int end() {
        return end;
    }

    void expectEnd(String what) {
        if (pos != end) {
            throw new ComponentFormatException(pos, what + " has " + (end - pos) + " unexpected trailing bytes");
        }
    }
}
