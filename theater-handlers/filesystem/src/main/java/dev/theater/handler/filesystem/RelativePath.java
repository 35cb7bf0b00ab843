package dev.theater.handler.filesystem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path an actor sent, checked as a string before it comes near the disk: the names of its segments from the
 * granted folder down. This is only the first check; {@link Sandbox} opens every segment relative to its parent
 * without following links, which is what keeps a path inside the folder.
 *
 * @param text     what the actor sent
 * @param segments the names, {@code .} and empty segments dropped; empty for the granted folder itself
 */
record RelativePath(String text, List<String> segments) {

    static final int MAX_BYTES = 4096;
    static final int MAX_SEGMENT_BYTES = 255;
    static final int MAX_SEGMENTS = 128;
    /** Names the handler uses for its own temporary files and folders; an actor can neither see nor name them. */
    static final String RESERVED_PREFIX = ".theater-tmp-";

    /** How much of an untrusted path an error message quotes. */
    private static final int QUOTE_CHARS = 80;

    static RelativePath parse(String function, String text) {
        if (text.indexOf('\0') >= 0) {
            throw refused(function, text, "it contains a NUL byte");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw refused(function, text, "it is " + bytes + " bytes long, more than " + MAX_BYTES);
        }
        if (text.startsWith("/")) {
            throw refused(function, text, "it is absolute; paths are relative to the granted folder");
        }
        if (text.indexOf('\\') >= 0) {
            throw refused(function, text, "it contains '\\' (the separator is '/', and '\\' is not allowed in names)");
        }
        if (text.startsWith("~")) {
            throw refused(function, text, "'~' is not a home folder here; paths are relative to the granted folder");
        }
        List<String> segments = new ArrayList<>();
        for (String s : text.split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                throw refused(function, text, "'..' is not allowed; paths stay inside the granted folder");
            }
            if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw refused(function, text, "a name in it is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            if (s.startsWith(RESERVED_PREFIX)) {
                throw refused(function, text, "names starting with '" + RESERVED_PREFIX + "' are the handler's own");
            }
            segments.add(s);
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw refused(function, text, "it has " + segments.size() + " names, more than " + MAX_SEGMENTS);
        }
        return new RelativePath(text, List.copyOf(segments));
    }

    boolean isRoot() {
        return segments.isEmpty();
    }

    String name() {
        return segments.getLast();
    }

    List<String> parent() {
        return segments.subList(0, segments.size() - 1);
    }

    /** The path as the error messages quote it. */
    String quoted() {
        return quote(text);
    }

    static FsException refused(String function, String text, String why) {
        return new FsException(function + " " + quote(text) + ": refused: " + why);
    }

    /** At most 80 characters in double quotes, control characters and quotes escaped: an actor cannot forge lines. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        int n = 0;
        for (int i = 0; i < s.length() && n < QUOTE_CHARS; i++, n++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
        if (s.length() > QUOTE_CHARS) {
            b.append("…");
        }
        return b.toString();
    }
}
