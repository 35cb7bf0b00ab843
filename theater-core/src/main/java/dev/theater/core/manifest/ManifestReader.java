package dev.theater.core.manifest;

import dev.theater.core.io.RegularFiles;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/** Turns a parsed TOML document into an {@link ActorManifest}, checking every key; one instance per parse. */
final class ManifestReader {

    /*
     * Unknown keys are errors, not warnings: a misspelt key ("componnet", "limit") would otherwise
     * be dropped silently and the actor would start with defaults nobody asked for — for limits
     * that is a security setting. A warning is easy to miss in a supervisor's log; an error at
     * load time names the line and costs one edit. The lists below are the whole vocabulary.
     */
    static final List<String> TOP_LEVEL_KEYS = List.of(
            "name", "component_path", "component", "version", "description", "long_description",
            "save_chain", "init_state", "handlers", "handler", "limits");
    static final List<String> LIMIT_KEYS = List.of("max_memory_pages", "call_timeout_ms", "mailbox_capacity", "mailbox_wait_ms");
    static final List<String> SEED_HANDLER_KEYS = List.of("type", "config");

    private final Map<String, Object> doc;
    private final String file;
    private final Path baseDir;
    private final Optional<Path> root;
    private final SourceLines lines;

    ManifestReader(Map<String, Object> doc, String text, String file, Path baseDir, Optional<Path> root) {
        this.doc = doc;
        this.file = file;
        this.baseDir = baseDir;
        this.root = root;
        this.lines = new SourceLines(text);
    }

    ActorManifest read() {
        for (String key : doc.keySet()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw error(lines.topLevel(key), "unknown key '" + key + "'; known keys: " + String.join(", ", TOP_LEVEL_KEYS));
            }
        }
        exclusive("component_path", "component", "both 'component_path' (seed format) and 'component' (classic format) are set; keep one");
        exclusive("handlers", "handler", "both [[handlers]] (seed format) and [[handler]] (classic format) are used; keep one");

        String name = optionalString("name").orElseThrow(() -> error(1, "missing required key 'name'"));
        printable(name, () -> lines.topLevel("name"), "'name'");
        String wasmKey = doc.containsKey("component") ? "component" : "component_path";
        String wasm = optionalString(wasmKey)
                .orElseThrow(() -> error(1, "missing required key 'component_path' (or 'component')"));
        Optional<InitState> initState = optionalString("init_state").map(this::readInitState);
        return new ActorManifest(
                name,
                resolve(wasm, wasmKey),
                optionalString("version"),
                optionalString("description"),
                optionalString("long_description"),
                optionalBoolean("save_chain"),
                initState,
                handlers(),
                limits(),
                limitLines(),
                file,
                baseDir);
    }

    private void exclusive(String a, String b, String message) {
        if (doc.containsKey(a) && doc.containsKey(b)) {
            throw error(Math.max(lines.topLevel(a), lines.topLevel(b)), message);
        }
    }

    private Optional<String> optionalString(String key) {
        Object value = doc.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw error(lines.topLevel(key), "'" + key + "' must be a string, found " + TomlSyntax.describe(value));
        }
        if (s.isBlank()) {
            throw error(lines.topLevel(key), "'" + key + "' must not be empty");
        }
        return Optional.of(s);
    }

    private Optional<Boolean> optionalBoolean(String key) {
        Object value = doc.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean b)) {
            throw error(lines.topLevel(key), "'" + key + "' must be a boolean, found " + TomlSyntax.describe(value));
        }
        return Optional.of(b);
    }

    private Path resolve(String raw, String key) {
        Path path;
        try {
            path = baseDir.resolve(raw).normalize();
        } catch (InvalidPathException e) {
            throw error(lines.topLevel(key), "'" + key + "' is not a valid path: " + e.getReason());
        }
        root.ifPresent(r -> confine(path, r, key));
        return path;
    }

    /** A confined manifest (a child's): {@code path} must be inside {@code root}, also once links are followed. */
    private void confine(Path path, Path root, String key) {
        String outside = "'" + key + "' resolves to " + path + ", outside " + root
                + " (a child's manifest may not reach outside its parent's folder)";
        if (!path.startsWith(root)) {
            throw error(lines.topLevel(key), outside);
        }
        try {
            if (Files.exists(path) && !path.toRealPath().startsWith(root.toRealPath())) {
                throw error(lines.topLevel(key), "'" + key + "' resolves to " + path + ", a link to " + path.toRealPath()
                        + ", outside " + root + " (a child's manifest may not reach outside its parent's folder)");
            }
        } catch (IOException e) {
            throw error(lines.topLevel(key), "'" + key + "': cannot check " + path + ": " + RegularFiles.reason(e));
        }
    }

    private Map<String, Integer> limitLines() {
        if (!(doc.get("limits") instanceof Map<?, ?> table)) {
            return Map.of();
        }
        Map<String, Integer> set = new java.util.LinkedHashMap<>();
        for (Object key : table.keySet()) {
            set.put((String) key, lines.inTable("limits", (String) key));
        }
        return set;
    }

    /** Reads the file: a regular one of at most {@link ManifestParser#MAX_INIT_STATE_BYTES} (never a FIFO or a device). */
    private InitState readInitState(String raw) {
        Path path = resolve(raw, "init_state");
        try {
            return new InitState(path, RegularFiles.read(path, ManifestParser.MAX_INIT_STATE_BYTES));
        } catch (IOException e) {
            throw error(lines.topLevel("init_state"), "cannot read init_state file " + path + ": " + RegularFiles.reason(e));
        }
    }

    private List<HandlerSpec> handlers() {
        boolean classic = doc.containsKey("handler");
        String key = classic ? "handler" : "handlers";
        Object value = doc.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> entries)) {
            throw error(lines.topLevel(key), "'" + key + "' must be an array of tables, found " + TomlSyntax.describe(value));
        }
        List<HandlerSpec> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw error(lines.topLevel(key), "'" + key + "' must be an array of tables, but entry " + (i + 1)
                        + " is " + TomlSyntax.describe(entries.get(i)));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> table = (Map<String, Object>) entry;
            out.add(classic ? classicHandler(table, i) : seedHandler(table, i));
        }
        return out;
    }

    private HandlerSpec seedHandler(Map<String, Object> entry, int index) {
        for (String key : entry.keySet()) {
            if (!SEED_HANDLER_KEYS.contains(key)) {
                throw error(lines.inEntry("handlers", index, key), "[[handlers]] entry " + (index + 1) + ": unknown key '"
                        + key + "'; known keys: type, config (handler settings go in the 'config' table)");
            }
        }
        String type = handlerType("handlers", entry, index);
        Object config = entry.getOrDefault("config", Map.of());
        if (!(config instanceof Map<?, ?> map)) {
            throw error(lines.inEntry("handlers", index, "config"), "[[handlers]] entry " + (index + 1)
                    + ": 'config' must be a table, found " + TomlSyntax.describe(config));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) map;
        return new HandlerSpec(type, settings, lines.entry("handlers", index));
    }

    private HandlerSpec classicHandler(Map<String, Object> entry, int index) {
        String type = handlerType("handler", entry, index);
        Map<String, Object> settings = new LinkedHashMap<>(entry);
        settings.remove("type");
        return new HandlerSpec(type, settings, lines.entry("handler", index));
    }

    private String handlerType(String array, Map<String, Object> entry, int index) {
        String where = "[[" + array + "]] entry " + (index + 1) + ": ";
        Object type = entry.get("type");
        if (type == null) {
            throw error(lines.entry(array, index), where + "missing required key 'type'");
        }
        if (!(type instanceof String s) || s.isBlank()) {
            throw error(lines.inEntry(array, index, "type"), where + "'type' must be a non-empty string, found "
                    + TomlSyntax.describe(type));
        }
        printable(s, () -> lines.inEntry(array, index, "type"), where + "'type'");
        return s;
    }

    /**
     * Refuses a name that would reach a console or a log with characters that are not shown as themselves: C0
     * and C1 controls (a newline, NUL, an escape sequence), format characters (bidi overrides and isolates, zero
     * width spaces and joiners, the byte order mark), line and paragraph separators, and lone surrogates.
     */
    private void printable(String value, IntSupplier line, String what) {
        int position = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            position++;
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                throw error(line.getAsInt(), what + " must not contain control or invisible formatting characters; found "
                        + String.format("U+%04X", cp) + " at character " + position);
            }
            i += Character.charCount(cp);
        }
    }

    private ActorLimits limits() {
        Object value = doc.get("limits");
        if (value == null) {
            return ActorLimits.DEFAULTS;
        }
        if (!(value instanceof Map<?, ?> table)) {
            throw error(lines.topLevel("limits"), "'limits' must be a table, found " + TomlSyntax.describe(value));
        }
        for (Object key : table.keySet()) {
            if (!LIMIT_KEYS.contains(key)) {
                throw error(lines.inTable("limits", (String) key), "unknown key 'limits." + key + "'; known keys: "
                        + String.join(", ", LIMIT_KEYS));
            }
        }
        long pages = limit(table, "max_memory_pages", ActorLimits.DEFAULT_MAX_MEMORY_PAGES, ActorLimits.MAX_MEMORY_PAGES);
        long timeout = limit(table, "call_timeout_ms", ActorLimits.DEFAULT_CALL_TIMEOUT_MS, ActorLimits.MAX_DURATION_MS);
        long mailbox = limit(table, "mailbox_capacity", ActorLimits.DEFAULT_MAILBOX_CAPACITY, ActorLimits.MAX_MAILBOX_CAPACITY);
        long wait = limit(table, "mailbox_wait_ms", ActorLimits.DEFAULT_MAILBOX_WAIT_MS, ActorLimits.MAX_DURATION_MS);
        return new ActorLimits((int) pages, Duration.ofMillis(timeout), (int) mailbox, Duration.ofMillis(wait));
    }

    private long limit(Map<?, ?> table, String key, long defaultValue, long max) {
        Object value = table.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Long n) || n < 1) {
            throw error(lines.inTable("limits", key), "'limits." + key + "' must be a positive integer, found "
                    + TomlSyntax.describe(value));
        }
        if (n > max) {
            throw error(lines.inTable("limits", key), "'limits." + key + "' must be at most " + max + ", found " + n);
        }
        return n;
    }

    private ManifestException error(int line, String detail) {
        return new ManifestException(file, line, detail);
    }
}
