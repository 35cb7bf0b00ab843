package dev.theater.handler.filesystem;

import dev.theater.api.handler.HandlerConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The filesystem handler's configuration, deny by default: no folder without {@code path}, no command not named in
 * {@code allowed_commands}, and any other key is an error naming it and the manifest line.
 *
 * @param path             the granted folder, relative to the manifest's folder and inside it
 * @param newDir           create the folder (and its parents) when it is missing
 * @param readOnly         refuse every write (write-file, delete-file, create-dir, delete-dir)
 * @param allowedCommands  the commands execute-command may run: bare names (looked up in {@link #COMMAND_PATH}) or
 *                         absolute paths
 * @param maxFileBytes     the largest file read-file returns and write-file writes
 * @param commandTimeoutMs how long a command may run before it and its child processes are killed
 * @param maxOutputBytes   how much of a command's stdout, and of its stderr, is kept
 */
record FilesystemConfig(String path, boolean newDir, boolean readOnly, List<String> allowedCommands, long maxFileBytes,
                        long commandTimeoutMs, long maxOutputBytes) {

    static final String PATH = "path";
    static final String NEW_DIR = "new_dir";
    static final String READ_ONLY = "read_only";
    static final String ALLOWED_COMMANDS = "allowed_commands";
    static final String MAX_FILE_BYTES = "max_file_bytes";
    static final String COMMAND_TIMEOUT_MS = "command_timeout_ms";
    static final String MAX_OUTPUT_BYTES = "max_output_bytes";
    static final Set<String> KEYS = Set.of(PATH, NEW_DIR, READ_ONLY, ALLOWED_COMMANDS, MAX_FILE_BYTES,
            COMMAND_TIMEOUT_MS, MAX_OUTPUT_BYTES);

    static final long DEFAULT_MAX_FILE_BYTES = 16L << 20;   // 16 MiB
    static final long MOST_FILE_BYTES = 1L << 30;           // a Java array and a guest's memory hold 1 GiB
    static final long DEFAULT_COMMAND_TIMEOUT_MS = 30_000;
    static final long MOST_COMMAND_TIMEOUT_MS = 3_600_000;  // an hour
    static final long DEFAULT_MAX_OUTPUT_BYTES = 1L << 20;  // 1 MiB
    static final long MOST_OUTPUT_BYTES = 64L << 20;

    /** The only environment variable a command gets: where its bare name was looked up. */
    static final String COMMAND_PATH = "/usr/local/bin:/usr/bin:/bin";

    static FilesystemConfig from(HandlerConfig config) {
        config.allowOnly(KEYS);
        String path = config.string(PATH).orElseThrow(() -> config.error(PATH, "is required: the folder this actor may"
                + " use, relative to the manifest's folder (e.g. path = \"data\")"));
        checkRelative(config, path);
        boolean readOnly = config.bool(READ_ONLY).orElse(false);
        List<String> commands = commands(config);
        if (readOnly && !commands.isEmpty()) {
            throw config.error(ALLOWED_COMMANDS, "cannot be set with read_only = true: a command could write");
        }
        return new FilesystemConfig(path, config.bool(NEW_DIR).orElse(false), readOnly, commands,
                range(config, MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES, MOST_FILE_BYTES),
                range(config, COMMAND_TIMEOUT_MS, DEFAULT_COMMAND_TIMEOUT_MS, MOST_COMMAND_TIMEOUT_MS),
                range(config, MAX_OUTPUT_BYTES, DEFAULT_MAX_OUTPUT_BYTES, MOST_OUTPUT_BYTES));
    }

    private static List<String> commands(HandlerConfig config) {
        Object value = config.values().get(ALLOWED_COMMANDS);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw config.error(ALLOWED_COMMANDS, "must be a list of command names, e.g. [\"git\", \"/usr/bin/make\"]");
        }
        List<String> commands = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isEmpty() || s.indexOf('\0') >= 0) {
                throw config.error(ALLOWED_COMMANDS, "must hold non-empty strings, found " + o);
            }
            if (s.contains("/") && !s.startsWith("/")) {
                throw config.error(ALLOWED_COMMANDS, "holds \"" + s + "\": a command is a bare name (looked up in "
                        + COMMAND_PATH + ") or an absolute path");
            }
            commands.add(s);
        }
        return List.copyOf(commands);
    }

    private static long range(HandlerConfig config, String key, long defaultValue, long most) {
        long value = config.integer(key).orElse(defaultValue);
        if (value < 1 || value > most) {
            throw config.error(key, "must be within 1.." + most + ", found " + value);
        }
        return value;
    }

    private static void checkRelative(HandlerConfig config, String path) {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw config.error(PATH, "is not a path: " + e.getMessage());
        }
        Path normal = p.normalize();
        if (path.isEmpty() || p.isAbsolute() || normal.startsWith("..") || normal.toString().isEmpty()) {
            throw config.error(PATH, "must be a folder inside the manifest's folder, relative to it (e.g. \"data\"),"
                    + " found \"" + path + "\"");
        }
    }

    /** The path, normalized, for comparing a child's folder with its parent's. */
    Path normalPath() {
        return Path.of(path).normalize();
    }
}
