package dev.theater.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;

/**
 * The canonical byte encoding of an event and its SHA-256 hash (format version 1).
 *
 * <pre>
 * u8       version             = 0x01
 * u8       has parent          0x00 or 0x01
 * [32]     parent hash         only when has parent = 0x01
 * u32      event type length   big-endian, then that many bytes of UTF-8
 * u32      data length         big-endian, then that many bytes
 * i64      timestamp           big-endian, milliseconds since the epoch
 * u8       has description     0x00 or 0x01
 * u32 + .. description         only when has description = 0x01: big-endian length, then UTF-8
 * </pre>
 * The event's hash is SHA-256 of exactly these bytes. The file format stores these same bytes.
 */
public final class EventHashing {
    /** The format version byte that starts every encoding. */
    public static final byte VERSION = 1;
    /** The length of a SHA-256 hash in bytes. */
    public static final int HASH_LENGTH = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventHashing::newDigest);

    private EventHashing() {
    }

    /** The canonical encoding of an event's fields (everything but its hash). */
    public static byte[] encode(Optional<Hash> parent, String eventType, byte[] data, long timestamp,
                                Optional<String> description) {
        return encode(parent, utf8("event type", eventType), data, timestamp,
                description.isPresent() ? utf8("description", description.get()) : null);
    }

    /** The encoding with the strings already in UTF-8 ({@code desc} null when absent). */
    static byte[] encode(Optional<Hash> parent, byte[] type, byte[] data, long timestamp, byte[] desc) {
        Objects.requireNonNull(data, "data");
        int parentLength = 0;
        if (parent.isPresent()) {
            parentLength = parent.get().length();
            if (parentLength != HASH_LENGTH) {
                throw new IllegalArgumentException("parent hash has " + parentLength + " bytes; SHA-256 chains need "
                        + HASH_LENGTH);
            }
        }
        int size = 2 + parentLength + 4 + type.length + 4 + data.length + 8 + 1 + (desc == null ? 0 : 4 + desc.length);
        byte[] out = new byte[size];
        int p = 0;
        out[p++] = VERSION;
        out[p++] = (byte) (parent.isPresent() ? 1 : 0);
        if (parent.isPresent()) {
            byte[] ph = parent.get().bytes();
            System.arraycopy(ph, 0, out, p, ph.length);
            p += ph.length;
        }
        p = putBytes(out, p, type);
        p = putBytes(out, p, data);
        p = putLong(out, p, timestamp);
        out[p++] = (byte) (desc == null ? 0 : 1);
        if (desc != null) {
            p = putBytes(out, p, desc);
        }
        assert p == size;
        return out;
    }

    /** SHA-256 of the canonical encoding. */
    public static Hash hash(Optional<Hash> parent, String eventType, byte[] data, long timestamp,
                            Optional<String> description) {
        return new Hash(sha256(encode(parent, eventType, data, timestamp, description), 0, -1));
    }

    /** SHA-256 of {@code length} bytes at {@code offset} ({@code -1}: to the end). */
    public static byte[] sha256(byte[] bytes, int offset, int length) {
        MessageDigest md = SHA256.get();
        md.update(bytes, offset, length < 0 ? bytes.length - offset : length);
        return md.digest();
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * Decodes a canonical encoding back into an event carrying {@code hash} (which is not checked here).
     *
     * @throws IllegalArgumentException naming the first malformed field and its offset
     */
    public static ChainEvent decode(Hash hash, byte[] buf, int offset, int length) {
        int end = offset + length;
        int p = offset;
        need(p, 2, end, "version and parent flag");
        if (buf[p] != VERSION) {
            throw new IllegalArgumentException("unknown encoding version " + (buf[p] & 0xff) + " at +0");
        }
        int flag = buf[p + 1];
        p += 2;
        Optional<Hash> parent = Optional.empty();
        if (flag == 1) {
            need(p, HASH_LENGTH, end, "parent hash");
            parent = Optional.of(new Hash(java.util.Arrays.copyOfRange(buf, p, p + HASH_LENGTH)));
            p += HASH_LENGTH;
        } else if (flag != 0) {
            throw new IllegalArgumentException("bad parent flag " + (flag & 0xff) + " at +1");
        }
        int typeLength = lengthAt(buf, p, end, "event type");
        String type = new String(buf, p + 4, typeLength, StandardCharsets.UTF_8);
        p += 4 + typeLength;
        int dataLength = lengthAt(buf, p, end, "data");
        byte[] data = java.util.Arrays.copyOfRange(buf, p + 4, p + 4 + dataLength);
        p += 4 + dataLength;
        need(p, 9, end, "timestamp and description flag");
        long timestamp = ((long) getInt(buf, p) << 32) | (getInt(buf, p + 4) & 0xffffffffL);
        p += 8;
        int descFlag = buf[p++];
        Optional<String> description = Optional.empty();
        if (descFlag == 1) {
            int descLength = lengthAt(buf, p, end, "description");
            description = Optional.of(new String(buf, p + 4, descLength, StandardCharsets.UTF_8));
            p += 4 + descLength;
        } else if (descFlag != 0) {
            throw new IllegalArgumentException("bad description flag " + (descFlag & 0xff) + " at +" + (p - 1 - offset));
        }
        if (p != end) {
            throw new IllegalArgumentException((end - p) + " trailing bytes after the description at +" + (p - offset));
        }
        return new ChainEvent(hash, parent, type, data, timestamp, description);
    }

    private static void need(int p, int n, int end, String what) {
        if (end - p < n) {
            throw new IllegalArgumentException("encoding ends inside the " + what);
        }
    }

    private static int lengthAt(byte[] buf, int p, int end, String what) {
        need(p, 4, end, what + " length");
        int n = getInt(buf, p);
        if (n < 0 || n > end - p - 4) {
            throw new IllegalArgumentException(what + " length " + Integer.toUnsignedString(n) + " runs past the end");
        }
        return n;
    }

    private static int getInt(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    static byte[] utf8(String what, String s) {
        Objects.requireNonNull(s, what);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new IllegalArgumentException(what + " has an unpaired surrogate at index " + i
                            + "; it cannot be encoded as UTF-8");
                }
            }
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int putBytes(byte[] out, int p, byte[] b) {
        p = putInt(out, p, b.length);
        System.arraycopy(b, 0, out, p, b.length);
        return p + b.length;
    }

    private static int putInt(byte[] out, int p, int v) {
        out[p] = (byte) (v >>> 24);
        out[p + 1] = (byte) (v >>> 16);
        out[p + 2] = (byte) (v >>> 8);
        out[p + 3] = (byte) v;
        return p + 4;
    }

    private static int putLong(byte[] out, int p, long v) {
        putInt(out, p, (int) (v >>> 32));
        return putInt(out, p + 4, (int) v);
    }
}
