package dev.theater.core.manifest;

/**
 * Checks that no value of a TOML text nests deeper than {@link ManifestParser#MAX_NESTING_DEPTH}, before NightConfig parses it:
 * NightConfig and the conversion to plain values recurse once per level, so 3,000 nested arrays would overflow
 * the stack. A linear scan, not a parser: it skips comments and strings and counts what opens a level, namely
 * each array and inline table, each part of a table header ({@code [a.b]} is two, {@code [[a.b]]} three: the
 * array's entry is a table) and each extra part of a dotted key ({@code a.b.c = 1} puts the value two tables
 * down). Whatever it cannot make sense of is left to NightConfig to report.
 */
final class TomlNesting {

    private static final int MAX_DEPTH = ManifestParser.MAX_NESTING_DEPTH;

    private final String text;
    private final String file;
    private int at;
    private int line = 1;
    /** The open arrays ('[') and inline tables ('{') of the value being read, and each one's depth. */
    private final char[] kinds = new char[MAX_DEPTH + 1];
    private final int[] depths = new int[MAX_DEPTH + 1];
    private int open;
    /** The depth of the table the current key-value lines belong to: 0 at the top, else set by the last header. */
    private int tableDepth;
    /** The depth a value opened now would sit below: its table's depth plus the extra parts of its dotted key. */
    private int valueDepth;
    private boolean expectKey = true;
    private boolean lineStart = true;
    private int keyDots;

    private TomlNesting(String text, String file) {
        this.text = text;
        this.file = file;
    }

    /** Throws a {@link ManifestException} naming the line where {@code text} first nests too deep. */
    static void check(String text, String file) {
        new TomlNesting(text, file).run();
    }

    private void run() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\n') {
                newline();
                at++;
                if (open == 0) {
                    expectKey = true;
                    lineStart = true;
                }
            } else if (c == ' ' || c == '\t' || c == '\r') {
                at++;
            } else if (c == '#') {
                while (at < text.length() && text.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '[' && open == 0 && lineStart) {
                header();
            } else if (c == '"' || c == '\'') {
                lineStart = false;
                string(c);
            } else {
                lineStart = false;
                if (expectKey) {
                    key(c);
                } else {
                    value(c);
                }
            }
        }
    }

    /** {@code [a.b]} or {@code [[a.b]]}: sets the depth of the lines below it. */
    private void header() {
        boolean array = text.startsWith("[[", at);
        at += array ? 2 : 1;
        int parts = 1;
        while (at < text.length() && text.charAt(at) != ']' && text.charAt(at) != '\n') {
            char c = text.charAt(at);
            if (c == '"' || c == '\'') {
                string(c);
            } else {
                parts += c == '.' ? 1 : 0;
                at++;
            }
        }
        tableDepth = parts + (array ? 1 : 0);
        require(tableDepth);
        lineStart = false;
        expectKey = true;
        keyDots = 0;
    }

    private void key(char c) {
        at++;
        if (c == '.') {
            keyDots++;
        } else if (c == '=') {
            valueDepth = (open == 0 ? tableDepth : depths[open - 1]) + keyDots;
            require(valueDepth);
            keyDots = 0;
            expectKey = false;
        } else if (c == '}' && open > 0 && kinds[open - 1] == '{') {
            close(); // an empty inline table, or one ending with a comma
        }
    }

    private void value(char c) {
        at++;
        switch (c) {
            case '[', '{' -> {
                int depth = valueDepth + 1;
                require(Math.max(depth, open + 1));
                kinds[open] = c;
                depths[open++] = depth;
                if (c == '[') {
                    valueDepth = depth;
                } else {
                    expectKey = true;
                    keyDots = 0;
                }
            }
            case ']', '}' -> close();
            case ',' -> {
                if (open > 0 && kinds[open - 1] == '{') {
                    expectKey = true;
                    keyDots = 0;
                }
            }
            default -> {
                // a number, date, boolean or junk: nothing opens
            }
        }
    }

    private void close() {
        if (open > 0) {
            open--;
        }
        if (open > 0 && kinds[open - 1] == '[') {
            valueDepth = depths[open - 1];
        }
        expectKey = false;
    }

    /**
     * Skips a string starting at {@code at}: basic or literal, single-line (which ends at the line's end at the
     * latest, so a stray quote hides nothing past it) or multi-line (whose closing delimiter may be followed by
     * up to two more quotes that belong to the content).
     */
    private void string(char quote) {
        String triple = String.valueOf(quote).repeat(3);
        boolean basic = quote == '"';
        if (text.startsWith(triple, at)) {
            at += 3;
            while (at < text.length() && !text.startsWith(triple, at)) {
                if (basic && text.charAt(at) == '\\' && at + 1 < text.length()) {
                    at++;
                }
                if (text.charAt(at) == '\n') {
                    newline();
                }
                at++;
            }
            at = Math.min(at + 3, text.length());
            for (int extra = 0; extra < 2 && at < text.length() && text.charAt(at) == quote; extra++) {
                at++;
            }
            return;
        }
        at++;
        while (at < text.length() && text.charAt(at) != quote && text.charAt(at) != '\n') {
            if (basic && text.charAt(at) == '\\' && at + 1 < text.length() && text.charAt(at + 1) != '\n') {
                at++;
            }
            at++;
        }
        if (at < text.length() && text.charAt(at) == quote) {
            at++;
        }
    }

    private void newline() {
        line++;
    }

    private void require(int depth) {
        if (depth > MAX_DEPTH) {
            throw new ManifestException(file, line, "values nest more than " + MAX_DEPTH + " levels deep (each array,"
                    + " inline table, table-header part and dotted-key part opens one)");
        }
    }
}
