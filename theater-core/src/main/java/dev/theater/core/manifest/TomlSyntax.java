package dev.theater.core.manifest;

import com.electronwill.nightconfig.core.Config;
import com.electronwill.nightconfig.core.UnmodifiableConfig;
import com.electronwill.nightconfig.core.io.ParsingMode;
import com.electronwill.nightconfig.toml.TomlFormat;
import com.electronwill.nightconfig.toml.TomlParser;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses TOML text with NightConfig into plain Java values (see {@link HandlerSpec}) and gives
 * syntax errors the line NightConfig leaves out.
 */
final class TomlSyntax {

    private TomlSyntax() {}

    /**
     * The document as an insertion-ordered, unmodifiable map; syntax errors name {@code file} and a line. Values
     * nested deeper than {@link ManifestParser#MAX_NESTING_DEPTH} are refused before NightConfig sees them.
     */
    static Map<String, Object> parse(String text, String file) {
        TomlNesting.check(text, file);
        LineCountingReader reader = new LineCountingReader(new StringReader(text));
        Config config = TomlFormat.instance().createConfig(LinkedHashMap::new);
        try {
            new TomlParser().parse(reader, config, ParsingMode.REPLACE);
            return table(config);
        } catch (RuntimeException e) { // ParsingException, and whatever a parser bug may throw
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ManifestException(file, reader.lastLine(), "malformed TOML: " + reason, e);
        } catch (StackOverflowError e) { // the nesting check should make this unreachable; should it miss a case
            throw new ManifestException(file, reader.lastLine(), "malformed TOML: nested too deeply to read", e);
        }
    }

    /** Converts a NightConfig value: Integer to Long, tables to maps, arrays to lists; all unmodifiable. */
    static Object plain(Object value) {
        return switch (value) {
            case Integer i -> i.longValue();
            case Byte b -> b.longValue();
            case Short s -> s.longValue();
            case Float f -> f.doubleValue();
            case UnmodifiableConfig c -> table(c);
            case List<?> list -> {
                List<Object> out = new ArrayList<>(list.size());
                list.forEach(v -> out.add(plain(v)));
                yield Collections.unmodifiableList(out);
            }
            default -> value; // String, Long, Double, Boolean, java.time values
        };
    }

    private static Map<String, Object> table(UnmodifiableConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (UnmodifiableConfig.Entry entry : config.entrySet()) {
            out.put(entry.getKey(), plain(entry.getRawValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** How a value reads in an error: {@code integer 3}, {@code string "x"}, {@code table}. */
    static String describe(Object value) {
        return switch (value) {
            case String s -> "string \"" + s + "\"";
            case Long l -> "integer " + l;
            case Double d -> "float " + d;
            case Boolean b -> "boolean " + b;
            case Map<?, ?> m -> "table";
            case List<?> l -> "array";
            case Temporal t -> "date-time " + t;
            default -> value.getClass().getSimpleName() + " " + value;
        };
    }

    /**
     * Counts lines as NightConfig reads, which it does one character at a time. It remembers the
     * line of the last character that is not white space, because the parser often reads past the
     * newline ending the bad line before it fails.
     */
    private static final class LineCountingReader extends FilterReader {
        private int line = 1;
        private int lastLine = 1;

        LineCountingReader(Reader in) {
            super(in);
        }

        int lastLine() {
            return lastLine;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                see((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                see(buffer[offset + i]);
            }
            return n;
        }

        private void see(char c) {
            if (c == '\n') {
                line++;
            } else if (!Character.isWhitespace(c)) {
                lastLine = line;
            }
        }
    }
}
