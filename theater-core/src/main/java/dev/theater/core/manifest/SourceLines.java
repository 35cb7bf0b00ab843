package dev.theater.core.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the line of a key in TOML source text, since NightConfig keeps no positions. A small scan,
 * not a parser: it knows table headers ({@code [t]}, {@code [[a]]}), keys at the start of a line
 * (bare, quoted or dotted) and skips the inside of multi-line strings. When a key is not found
 * (say it sits in an inline table) each lookup falls back to the nearest enclosing line it knows.
 */
final class SourceLines {

    /** A header or key line: its number, whether it is a header, an array-of-tables header, and its key path. */
    private record Line(int number, boolean header, boolean arrayHeader, List<String> path) {}

    private final List<Line> lines = new ArrayList<>();
    /** For each array of tables, the indexes in {@link #lines} of its {@code [[array]]} headers, in order. */
    private final Map<String, List<Integer>> entries = new HashMap<>();

    SourceLines(String text) {
        String[] physical = text.split("\r?\n", -1);
        String open = null; // the delimiter of the multi-line string the previous line left open, if any
        for (int i = 0; i < physical.length; i++) {
            if (open == null) {
                scan(i + 1, physical[i].strip());
            }
            open = openStringAtEnd(physical[i], open);
        }
    }

    /**
     * Lexes one line just enough to know whether it ends inside a multi-line string ({@code """} or
     * {@code '''}): skips comments and single-line strings, so delimiters inside them do not count.
     */
    private static String openStringAtEnd(String line, String open) {
        int i = 0;
        while (i < line.length()) {
            if (open != null) {
                int close = findClose(line, i, open);
                if (close < 0) {
                    return open;
                }
                i = close + open.length();
                open = null;
                continue;
            }
            char c = line.charAt(i);
            if (c == '#') {
                return null;
            }
            if (c == '"' || c == '\'') {
                String triple = String.valueOf(c).repeat(3);
                if (line.startsWith(triple, i)) {
                    open = triple;
                    i += 3;
                    continue;
                }
                int close = findClose(line, i + 1, String.valueOf(c));
                i = close < 0 ? line.length() : close + 1;
                continue;
            }
            i++;
        }
        return open;
    }

    /** The index of {@code delimiter} at or after {@code from}, skipping backslash escapes in basic strings. */
    private static int findClose(String line, int from, String delimiter) {
        boolean basic = delimiter.charAt(0) == '"';
        for (int i = from; i < line.length(); i++) {
            if (basic && line.charAt(i) == '\\') {
                i++;
            } else if (line.startsWith(delimiter, i)) {
                return i;
            }
        }
        return -1;
    }

    private void scan(int number, String s) {
        if (s.startsWith("[[")) {
            keyPath(s, 2, ']').ifPresent(p -> {
                if (p.size() == 1) {
                    entries.computeIfAbsent(p.getFirst(), k -> new ArrayList<>()).add(lines.size());
                }
                lines.add(new Line(number, true, true, p));
            });
        } else if (s.startsWith("[")) {
            keyPath(s, 1, ']').ifPresent(p -> lines.add(new Line(number, true, false, p)));
        } else {
            keyPath(s, 0, '=').ifPresent(p -> lines.add(new Line(number, false, false, p)));
        }
    }

    /** The line of top-level key {@code key}: {@code key = }, {@code key.x = }, {@code [key]}, {@code [[key]]} or {@code [key.x]}. */
    int topLevel(String key) {
        boolean inTable = false;
        for (Line line : lines) {
            inTable |= line.header;
            if ((line.header || !inTable) && line.path.getFirst().equals(key)) {
                return line.number;
            }
        }
        return 1;
    }

    /** The line of {@code key} inside table {@code table}, else the table's own line. */
    int inTable(String table, String key) {
        List<String> current = List.of();
        for (Line line : lines) {
            if (line.header) {
                current = line.path;
                if (line.path.equals(List.of(table, key))) {
                    return line.number;
                }
            } else {
                boolean found = current.isEmpty()
                        ? startsWith(line.path, table, key)
                        : current.equals(List.of(table)) && line.path.getFirst().equals(key);
                if (found) {
                    return line.number;
                }
            }
        }
        return topLevel(table);
    }

    /** The line of entry {@code index} (0-based) of array {@code array}: its {@code [[array]]} header, else the array's line. */
    int entry(String array, int index) {
        List<Integer> headers = entries.getOrDefault(array, List.of());
        return index < headers.size() ? lines.get(headers.get(index)).number : topLevel(array);
    }

    /**
     * The line of {@code key} inside entry {@code index} of array {@code array}, else the entry's line. Looks only
     * at the entry's own lines (from its header to the next header outside it), so that a manifest with thousands
     * of handlers costs each handler its own lines, not the whole file.
     */
    int inEntry(String array, int index, String key) {
        List<Integer> headers = entries.getOrDefault(array, List.of());
        if (index >= headers.size()) {
            return topLevel(array);
        }
        boolean direct = true; // within the entry's own keys, before any sub-table header
        for (int i = headers.get(index) + 1; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.header) {
                if (line.path.equals(List.of(array, key))) {
                    return line.number;
                }
                if (line.arrayHeader && line.path.equals(List.of(array))
                        || line.path.size() <= 1 || !line.path.getFirst().equals(array)) {
                    break; // the next entry, or a table outside this one
                }
                direct = false;
            } else if (direct && line.path.getFirst().equals(key)) {
                return line.number;
            }
        }
        return lines.get(headers.get(index)).number;
    }

    private static boolean startsWith(List<String> path, String first, String second) {
        return path.size() >= 2 && path.get(0).equals(first) && path.get(1).equals(second);
    }

    /** Reads a dotted key starting at {@code from}, ending with {@code end} ('=' or ']'). */
    private static Optional<List<String>> keyPath(String s, int from, char end) {
        List<String> path = new ArrayList<>();
        int i = from;
        while (true) {
            i = skipBlanks(s, i);
            if (i >= s.length()) {
                return Optional.empty();
            }
            char c = s.charAt(i);
            int start = i;
            if (c == '"' || c == '\'') {
                int close = findClose(s, i + 1, String.valueOf(c));
                if (close < 0) {
                    return Optional.empty();
                }
                path.add(s.substring(i + 1, close));
                i = close + 1;
            } else {
                while (i < s.length() && isBare(s.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return Optional.empty();
                }
                path.add(s.substring(start, i));
            }
            i = skipBlanks(s, i);
            if (i >= s.length()) {
                return Optional.empty();
            }
            if (s.charAt(i) == end) {
                return Optional.of(List.copyOf(path));
            }
            if (s.charAt(i) != '.') {
                return Optional.empty();
            }
            i++;
        }
    }

    private static boolean isBare(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
