package dev.theater.core.engine.cache;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The compile cache's folder, {@code <home>/cache/compiled}: one sub-folder per key holding {@code entry.bin}
 * ({@link EntryFormat}). Safe for several processes at once: an entry is written to a temporary file in its own
 * folder and moved into place atomically, so a reader sees a whole entry or none; when two processes write the same
 * key, the second finds the first's entry and drops its own (the content would be the same). An entry that fails any
 * check is deleted and reported, never used.
 */
public final class CacheFolder {

    static final System.Logger LOG = System.getLogger(CacheFolder.class.getPackageName());
    static final String ENTRY = "entry.bin";
    private static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;

    private final Path folder;

    private CacheFolder(Path folder) {
        this.folder = folder;
    }

    /** The cache under a Theater home: {@code <home>/cache/compiled}. Nothing is created until an entry is written. */
    public static CacheFolder under(Path home) {
        return new CacheFolder(home.resolve("cache").resolve("compiled"));
    }

    public Path path() {
        return folder;
    }

    Path entryFile(String key) {
        return folder.resolve(key).resolve(ENTRY);
    }

    /**
     * The entry for {@code key}, if there is one and it passes every check. A damaged one is logged (naming
     * {@code source}, the module being started), deleted, and reported as absent.
     */
    Optional<CompiledClasses> get(String key, String source) {
        Path file = entryFile(key);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_ENTRY_BYTES) {
                discard(key, source, "it is " + size + " bytes, more than an entry can be");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "compile cache entry " + file + " for " + source + " cannot be read (" + e
                    + "); compiling the module instead");
            return Optional.empty();
        }
        try {
            return Optional.of(EntryFormat.decode(key, bytes));
        } catch (DamagedEntryException e) {
            discard(key, source, e.getMessage());
            return Optional.empty();
        }
    }

    /** Deletes the entry for {@code key}, logging why; a later compile writes it again. */
    void discard(String key, String source, String reason) {
        Path file = entryFile(key);
        LOG.log(Level.WARNING, "compile cache entry " + file + " for " + source + " is damaged (" + reason
                + "); deleted it, compiling the module again");
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete damaged compile cache entry " + file + ": " + e);
        }
    }

    /**
     * Writes the entry for {@code key} unless one is there already. Returns whether this call wrote it. A failure
     * to write is logged, not thrown: the module runs either way, only the next start compiles again.
     */
    boolean put(String key, CompiledClasses classes) {
        Path file = entryFile(key);
        Path temp = null;
        try {
            Path dir = Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                return false; // another process (or an earlier run) was first
            }
            byte[] bytes = EntryFormat.encode(key, classes);
            temp = Files.createTempFile(dir, "entry-", ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // the data is on disk before the name is: a crash leaves no torn entry.bin
            }
            if (Files.exists(file)) {
                return false;
            }
            // rename(2): atomic, and replaces an entry another process moved in meanwhile with identical bytes
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            LOG.log(Level.WARNING, "cannot write compile cache entry " + file + ": its file system cannot move files"
                    + " atomically; the cache stays unused");
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot write compile cache entry " + file + " (" + e + "); the module runs, but"
                    + " the next process compiles it again");
            return false;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover *.tmp is never read as an entry; cache clear removes it
                }
            }
        }
    }

    /** One entry as {@code theater cache info} lists it. */
    public record Entry(String key, Path file, long bytes, FileTime written) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(written, "written");
        }
    }

    /** The entries present, oldest first (not checked: reading each would cost as much as loading it). */
    public List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return entries;
        }
        try (DirectoryStream<Path> keys = Files.newDirectoryStream(folder, Files::isDirectory)) {
            for (Path dir : keys) {
                Path file = dir.resolve(ENTRY);
                try {
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    entries.add(new Entry(dir.getFileName().toString(), file, a.size(), a.lastModifiedTime()));
                } catch (NoSuchFileException e) {
                    // a folder being filled, or emptied by another process
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::written));
        return entries;
    }

    /** The source name an entry was compiled from, read from its payload; empty if it cannot be read. */
    public Optional<String> source(Entry entry) {
        try {
            return Optional.of(EntryFormat.decode(entry.key(), Files.readAllBytes(entry.file())).source());
        } catch (IOException | DamagedEntryException | OutOfMemoryError e) {
            return Optional.empty();
        }
    }

    /** Deletes every entry (and leftover temporary file); returns how many entries there were. */
    public int clear() throws IOException {
        int entries = entries().size();
        if (!Files.exists(folder)) {
            return entries;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return entries;
    }
}
