package dev.theater.handler.httpframework;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path pattern of a route, middleware or WebSocket: {@code /}, {@code /items}, {@code /items/{id}},
 * {@code /files/{*rest}}. Segments are compared whole: a literal matches the same (percent-decoded) segment, a
 * {@code {name}} any one segment, a trailing {@code {*name}} the one or more segments left (joined with {@code /}).
 */
final class RoutePath {

    /** The kind of a segment, in the order of precedence (a literal beats a parameter beats the rest). */
    enum Kind { LITERAL, PARAM, REST }

    record Segment(Kind kind, String text) {}

    static final int MAX_LENGTH = 2048;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]*");

    private final String text;
    private final List<Segment> segments;

    private RoutePath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** Parses {@code text}; {@code patterns} false allows literal segments only (middleware, WebSockets). */
    static RoutePath parse(String text, boolean patterns) {
        if (text.length() > MAX_LENGTH) {
            throw new HttpFrameworkException("path of " + text.length() + " characters is longer than " + MAX_LENGTH);
        }
        if (!text.startsWith("/")) {
            throw new HttpFrameworkException("path " + Quote.of(text) + " must start with /");
        }
        List<Segment> segments = new ArrayList<>();
        if (!text.equals("/")) {
            String[] parts = text.substring(1).split("/", -1);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = i == parts.length - 1;
                if (p.startsWith("{") && p.endsWith("}") && p.length() > 2) {
                    if (!patterns) {
                        throw new HttpFrameworkException("path " + Quote.of(text) + " has a parameter " + p
                                + "; middleware and WebSocket paths are literal");
                    }
                    boolean rest = p.startsWith("{*");
                    String name = p.substring(rest ? 2 : 1, p.length() - 1);
                    if (!NAME.matcher(name).matches()) {
                        throw new HttpFrameworkException("path " + Quote.of(text) + ": parameter name " + Quote.of(name)
                                + " must be 1 to 64 of A-Z a-z 0-9 _ -");
                    }
                    if (rest && !last) {
                        throw new HttpFrameworkException("path " + Quote.of(text) + ": " + p + " must be the last segment");
                    }
                    if (!names.add(name)) {
                        throw new HttpFrameworkException("path " + Quote.of(text) + " names the parameter '" + name + "' twice");
                    }
                    segments.add(new Segment(rest ? Kind.REST : Kind.PARAM, name));
                } else {
                    if (p.isEmpty() && !last) {
                        throw new HttpFrameworkException("path " + Quote.of(text) + " has an empty segment (//)");
                    }
                    if (!LITERAL.matcher(p).matches() || p.equals(".") || p.equals("..")) {
                        throw new HttpFrameworkException("path " + Quote.of(text) + " has a segment " + Quote.of(p)
                                + " that is not a valid URI path segment");
                    }
                    String decoded = decode(p).orElseThrow(() -> new HttpFrameworkException("path " + Quote.of(text)
                            + " has a segment " + Quote.of(p) + " whose %-escapes are not UTF-8"));
                    segments.add(new Segment(Kind.LITERAL, decoded));
                }
            }
        }
        return new RoutePath(text, List.copyOf(segments));
    }

    String text() {
        return text;
    }

    List<Segment> segments() {
        return segments;
    }

    /** The pattern without its parameter names: two routes of the same shape and method conflict. */
    String shape() {
        StringBuilder b = new StringBuilder();
        for (Segment s : segments) {
            b.append('/').append(switch (s.kind()) {
                case LITERAL -> "=" + s.text();
                case PARAM -> "{}";
                case REST -> "{*}";
            });
        }
        return b.toString();
    }

    /** The parameters when {@code request} (decoded segments of a request path) matches this pattern. */
    Optional<Map<String, String>> match(List<String> request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.kind() == Kind.REST) {
                if (i >= request.size()) {
                    return Optional.empty();
                }
                params.put(s.text(), String.join("/", request.subList(i, request.size())));
                return Optional.of(params);
            }
            if (i >= request.size()) {
                return Optional.empty();
            }
            String r = request.get(i);
            if (s.kind() == Kind.LITERAL ? !s.text().equals(r) : r.isEmpty()) {
                return Optional.empty();
            }
            if (s.kind() == Kind.PARAM) {
                params.put(s.text(), r);
            }
        }
        return request.size() == segments.size() ? Optional.of(params) : Optional.empty();
    }

    /** Whether this (literal) path is a whole-segment prefix of {@code request}: {@code /api} of {@code /api/x}, not {@code /apiary}. */
    boolean prefixOf(List<String> request) {
        if (request.size() < segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).text().equals(request.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Negative when this pattern is more specific than {@code other} (compared segment by segment, then longer first). */
    int compareSpecificity(RoutePath other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int c = segments.get(i).kind().compareTo(other.segments.get(i).kind());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    /**
     * The decoded segments of a request's raw path ({@code /} is none), or empty when an escape is not UTF-8 or
     * decodes to a {@code /}, or a segment is {@code .} or {@code ..} (escaped or not): such a path matches no pattern
     * (the server answers 400).
     */
    static Optional<List<String>> requestSegments(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return Optional.of(List.of());
        }
        String[] parts = (rawPath.startsWith("/") ? rawPath.substring(1) : rawPath).split("/", -1);
        List<String> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            Optional<String> d = decode(p);
            // "." and ".." would let a {*rest} parameter climb out of its prefix in an actor that maps it to a path
            if (d.isEmpty() || d.get().indexOf('/') >= 0 || d.get().equals(".") || d.get().equals("..")) {
                return Optional.empty();
            }
            out.add(d.get());
        }
        return Optional.of(out);
    }

    /** Percent-decodes one segment as UTF-8 ({@code +} stays {@code +}: it is a query convention). */
    static Optional<String> decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return Optional.of(segment);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
