package dev.theater.handler.store;

import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The store handler's configuration (deny by default: any other key is an error naming it and the manifest line).
 *
 * @param path            where this actor's stores live, relative to the manifest folder and inside it; empty for
 *                        the runtime's {@code <home>/store}
 * @param maxBytes        the quota of each store this actor writes to: a write that would take the store's content
 *                        past it is an {@code err} and changes nothing
 * @param maxContentBytes the largest content this actor may store or get
 */
record StoreConfig(Optional<String> path, long maxBytes, long maxContentBytes) {

    static final String PATH = "path";
    static final String MAX_BYTES = "max_bytes";
    static final String MAX_CONTENT_BYTES = "max_content_bytes";

    static final long DEFAULT_MAX_BYTES = 1L << 30;          // 1 GiB
    static final long DEFAULT_MAX_CONTENT_BYTES = 64L << 20; // 64 MiB
    static final long MOST_BYTES = 1L << 50;                 // 1 PiB: a sanity bound, not a size anyone has
    static final long MOST_CONTENT_BYTES = 1L << 30;         // a Java array and a guest's memory hold 1 GiB

    static StoreConfig from(HandlerConfig config) {
        config.allowOnly(Set.of(PATH, MAX_BYTES, MAX_CONTENT_BYTES));
        Optional<String> path = config.string(PATH);
        if (path.isPresent()) {
            checkRelative(config, path.get());
        }
        long maxBytes = range(config, MAX_BYTES, DEFAULT_MAX_BYTES, MOST_BYTES);
        long maxContent = range(config, MAX_CONTENT_BYTES, DEFAULT_MAX_CONTENT_BYTES, MOST_CONTENT_BYTES);
        return new StoreConfig(path, maxBytes, maxContent);
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
        if (path.isEmpty() || p.isAbsolute() || p.normalize().startsWith("..")
                || p.normalize().toString().isEmpty()) {
            throw config.error(PATH, "must be a folder inside the manifest's folder, relative to it (e.g. \"data/stores\"),"
                    + " found \"" + path + "\"");
        }
    }

    /**
     * The folder this actor's stores live in, as a real path (its existing part resolved, so that two ways of naming
     * one folder share one set of stores): {@code <manifest folder>/<path>}, or {@code <home>/store}.
     */
    Path root(Path manifestDirectory, Path home) {
        Path root = path.map(p -> manifestDirectory.resolve(p)).orElse(home.resolve("store"));
        return canonical(root.toAbsolutePath().normalize());
    }

    private static Path canonical(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            throw new HandlerException("handler 'store': cannot resolve the stores folder " + path + ": " + e);
        }
    }
}
