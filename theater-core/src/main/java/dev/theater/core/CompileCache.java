package dev.theater.core;

import dev.theater.api.TheaterException;
import dev.theater.core.engine.cache.CacheFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The on-disk compile cache of a Theater home, {@code <home>/cache/compiled}, as {@code theater cache} shows and
 * clears it. A runtime fills it on its own ({@link Theater.Builder#compileCache}); this class only looks and
 * deletes. Clearing it while a runtime is compiling is safe: that runtime writes its entry again or not at all.
 */
public final class CompileCache {

    private final CacheFolder folder;

    private CompileCache(CacheFolder folder) {
        this.folder = folder;
    }

    /** The compile cache of {@code home} (nothing is created). */
    public static CompileCache of(Path home) {
        return new CompileCache(CacheFolder.under(Objects.requireNonNull(home, "home")));
    }

    /** {@code <home>/cache/compiled}. */
    public Path folder() {
        return folder.path();
    }

    /**
     * One compiled module in the cache.
     *
     * @param key     the entry's key (hex SHA-256 over the module's SHA-256, the Chicory version and the options)
     * @param file    the entry file
     * @param bytes   its size
     * @param written when it was written
     * @param module  the module's source name when it was compiled; empty if the entry cannot be read (a damaged
     *                entry is deleted by the next runtime that looks it up)
     */
    public record Entry(String key, Path file, long bytes, FileTime written, Optional<String> module) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(written, "written");
            Objects.requireNonNull(module, "module");
        }
    }

    /** The entries, oldest first; {@code readModules} also reads each entry's source name (reads every entry). */
    public List<Entry> entries(boolean readModules) {
        try {
            return folder.entries().stream().map(e -> new Entry(e.key(), e.file(), e.bytes(), e.written(),
                    readModules ? folder.source(e) : Optional.empty())).toList();
        } catch (IOException e) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, "cannot list the compile cache "
                    + folder.path() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every entry; returns how many there were. */
    public int clear() {
        try {
            return folder.clear();
        } catch (IOException e) {
            throw new TheaterException(TheaterException.Phase.RUNTIME, "cannot clear the compile cache "
                    + folder.path() + ": " + e, e);
        }
    }
}
