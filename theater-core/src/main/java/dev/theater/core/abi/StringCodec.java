package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** {@code string} in the spec's "utf8" encoding: (pointer, byte length), validated when lifted. */
final class StringCodec extends ByteRangeCodec {

    /** The spec's MAX_STRING_BYTE_LENGTH. */
    static final long MAX_BYTES = (1L << 31) - 1;

    StringCodec() {
        super(WitType.Primitive.STRING);
    }

    // Java's encoder turns unpaired surrogates into '?': a Java String that is not valid Unicode cannot cross.
    @Override
    byte[] bytesOf(AbiContext cx, WitValue value) {
        if (value instanceof WitValue.Str(String s)) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw cx.wrongValue(type, value);
    }

    @Override
    WitValue read(AbiContext cx, int ptr, int length) {
        long len = Integer.toUnsignedLong(length);
        if (len > MAX_BYTES) {
            throw cx.liftError(type, "length " + len + " exceeds the maximum of " + MAX_BYTES + " bytes");
        }
        cx.checkRange(ptr, len, 1, type);
        byte[] bytes = cx.memory().readBytes(ptr, length);
        return new WitValue.Str(decode(cx, bytes, ptr));
    }

    private String decode(AbiContext cx, byte[] bytes, int ptr) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            // newDecoder() reports malformed input (overlong forms, surrogates, truncation) instead of replacing it
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw cx.liftError(type, bytes.length + " bytes at " + AbiContext.hex(ptr) + " are not valid UTF-8");
        }
    }
}
