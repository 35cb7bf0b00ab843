package dev.theater.chain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A hash value (SHA-256 for Theater chains, SHA-1 for imported Rust Theater chains), compared by content.
 *
 * @param bytes the digest bytes; copied on the way in and out
 */
public record Hash(byte[] bytes) {
    private static final HexFormat HEX = HexFormat.of();

    public Hash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a hash has at least one byte");
        }
        bytes = bytes.clone();
    }

    /** Parses lower- or upper-case hex. */
    public static Hash ofHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        try {
            return new Hash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex hash: '" + hex + "'", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The number of bytes (32 for SHA-256). */
    public int length() {
        return bytes.length;
    }

    /** Lower-case hex. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Whether this hash equals the given bytes, in constant time. */
    public boolean matches(byte[] other) {
        return MessageDigest.isEqual(bytes, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
