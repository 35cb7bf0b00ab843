package dev.theater.handler.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What actors name, checked before it comes near a path: a store id is exactly 32 lowercase hex characters, a
 * content ref exactly 64; a label is never a path segment at all (its file is named by its SHA-256). Anything else
 * is refused with a message that quotes it safely (clipped, control characters escaped).
 */
final class Names {

    /** 128 random bits, as 32 lowercase hex characters. */
    static final int STORE_ID_CHARS = 32;

    /** A SHA-256 hash in lowercase hex. */
    static final int HASH_CHARS = 64;

    /** The longest label, in UTF-8 bytes: a label is kept inside its label file, so this bounds that file. */
    static final int MAX_LABEL_BYTES = 1024;

    /** How much of an untrusted name an error message quotes. */
    private static final int QUOTE_CHARS = 80;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Names() {
    }

    /** A new store id: 128 bits from {@link SecureRandom}, so that nobody can guess one (store ids are capabilities). */
    static String newStoreId() {
        byte[] bits = new byte[STORE_ID_CHARS / 2];
        RANDOM.nextBytes(bits);
        return HEX.formatHex(bits);
    }

    static String storeId(String id) {
        if (!isLowerHex(id, STORE_ID_CHARS)) {
            throw new StoreException(quote(id) + " is not a store id (a store id is the 32 lowercase hex characters"
                    + " that new returned)");
        }
        return id;
    }

    static String contentRef(String hash) {
        if (!isLowerHex(hash, HASH_CHARS)) {
            throw new StoreException("content ref " + quote(hash) + " is not a SHA-256 hash (64 lowercase hex characters)");
        }
        return hash;
    }

    /** The label's UTF-8 bytes, once it is known to be neither empty nor too long. */
    static byte[] label(String label) {
        if (label.isEmpty()) {
            throw new StoreException("a label may not be empty");
        }
        byte[] utf8 = label.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_LABEL_BYTES) {
            throw new StoreException("label " + quote(label) + " is " + utf8.length + " bytes long; a label is at most "
                    + MAX_LABEL_BYTES + " bytes (UTF-8)");
        }
        return utf8;
    }

    static boolean isLowerHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * {@code 'text'} for an error message: at most 80 characters (then {@code ...(<n> chars)}), control characters and
     * quotes escaped, so that what an actor sent cannot break a message or a log line.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("'");
        int shown = Math.min(s.length(), QUOTE_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\'' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('\'');
        if (s.length() > shown) {
            out.append("...(").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
