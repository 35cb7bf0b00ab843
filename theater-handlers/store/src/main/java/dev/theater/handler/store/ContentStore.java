package dev.theater.handler.store;

import dev.theater.api.json.JsonWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One store on disk, {@code <root>/<store-id>/}: {@code store.json} (written last by {@link #create}: a store
 * exists when it does), {@code content/<sha256>} (the bytes, never changed or removed once in place),
 * {@code labels/<sha256 of the label>} ({@link LabelFile}) and {@code tmp/} (files before their rename).
 *
 * <p>Every write goes through {@link DurableFiles}: temporary file, forced, renamed, folder forced; content is in
 * place and its folder forced before any label names it, so a kill at any moment leaves every label naming content
 * that is there. Changes are serialized by one lock per store (writing a new content's bytes and forcing them
 * happen before it, so several writers overlap on the slow part); reads take no lock: every file they see is whole.
 * A store is meant to be used by one runtime process at a time (the JVM's locks do not reach another process).
 */
public final class ContentStore {

    private static final Comparator<String> BY_UTF8 = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private final String id;
    private final Path folder;
    private final Path content;
    private final Path labels;
    private final Path tmp;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long totalBytes; // written under lock

    private ContentStore(String id, Path folder, long totalBytes) {
        this.id = id;
        this.folder = folder;
        this.content = folder.resolve("content");
        this.labels = folder.resolve("labels");
        this.tmp = folder.resolve("tmp");
        this.totalBytes = totalBytes;
    }

    /**
     * Creates a new store with a fresh random id under {@code root} (created if needed): its folders, then
     * {@code store.json}, each made durable before {@code new} returns.
     */
    public static ContentStore create(Path root, String createdBy) {
        try {
            Files.createDirectories(root);
            for (int attempt = 0; ; attempt++) {
                String id = Names.newStoreId();
                Path folder = root.resolve(id);
                try {
                    Files.createDirectory(folder);
                } catch (FileAlreadyExistsException e) {
                    if (attempt < 3) {
                        continue; // 128 random bits: never in practice, but a taken name is not reused
                    }
                    throw e;
                }
                ContentStore store = new ContentStore(id, folder, 0);
                Files.createDirectory(store.content);
                Files.createDirectory(store.labels);
                Files.createDirectory(store.tmp);
                byte[] about = new JsonWriter().raw('{').name("format").number(1).raw(',').name("id").string(id)
                        .raw(',').name("created_by").string(createdBy).raw(',').name("created_ms")
                        .number(System.currentTimeMillis()).raw('}').toByteArray();
                DurableFiles.moveIntoPlace(DurableFiles.writeTemp(store.tmp, about), folder.resolve("store.json"));
                DurableFiles.forceFolder(root); // the store's own folder entry
                return store;
            }
        } catch (IOException | RuntimeException e) {
            throw new StoreException("creating a store in " + root + " failed: " + describe(e), e);
        }
    }

    /**
     * Opens store {@code id} (already checked by {@link Names#storeId}) under {@code root}: makes its folders that
     * are missing (a store copied by a tool that keeps no empty folders, such as git: {@code store.json} is what
     * makes a store), removes the temporary files a crash left in {@code tmp/} and adds up the size of its content.
     */
    public static ContentStore open(Path root, String id) {
        Path folder = root.resolve(Names.storeId(id));
        try {
            boolean isStore = DurableFiles.attributes(folder).map(BasicFileAttributes::isDirectory).orElse(false)
                    && DurableFiles.attributes(folder.resolve("store.json")).map(BasicFileAttributes::isRegularFile)
                    .orElse(false);
            if (!isStore) {
                throw new StoreException("store '" + id + "' does not exist");
            }
            ContentStore store = new ContentStore(id, folder, 0);
            boolean made = false;
            for (Path sub : List.of(store.content, store.labels, store.tmp)) {
                if (DurableFiles.attributes(sub).isEmpty()) {
                    Files.createDirectory(sub); // one that is there but is no folder fails below, as before
                    made = true;
                }
            }
            if (made) {
                DurableFiles.forceFolder(folder);
            }
            try (DirectoryStream<Path> left = Files.newDirectoryStream(store.tmp)) {
                for (Path file : left) {
                    Files.deleteIfExists(file);
                }
            }
            long total = 0;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(store.content)) {
                for (Path file : files) {
                    Optional<BasicFileAttributes> a = DurableFiles.attributes(file);
                    if (isContentName(file) && a.isPresent() && a.get().isRegularFile()) {
                        total += a.get().size();
                    }
                }
            }
            store.totalBytes = total;
            return store;
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException s) {
                throw s;
            }
            throw new StoreException("opening store '" + id + "' failed: " + describe(e), e);
        }
    }

    public String id() {
        return id;
    }

    public Path folder() {
        return folder;
    }

    /** The bytes of all content in the store. */
    public long totalBytes() {
        return totalBytes;
    }

    /**
     * Stores {@code bytes} and returns their content ref. Content already there (same name and size) is not written
     * again; new content that would take the store past {@code maxBytes} is refused and nothing changes.
     */
    public String put(byte[] bytes, long maxBytes) {
        return put(bytes, Names.sha256Hex(bytes), maxBytes);
    }

    /**
     * Stores {@code bytes} and adds them to {@code label} ({@code replace}: the label names them alone). A label
     * that cannot take them (malformed, damaged, or naming the most contents a label may) is refused before anything
     * is written; only an I/O failure of the label's own write leaves the content stored without the label.
     */
    public String putAtLabel(String label, byte[] bytes, boolean replace, long maxBytes) {
        List<String> refs = refs(label);
        String hash = Names.sha256Hex(bytes);
        if (!replace && refs.size() >= LabelFile.MAX_REFS && !refs.contains(hash)) {
            throw full(label);
        }
        put(bytes, hash, maxBytes);
        if (replace) {
            replaceLabel(label, hash);
        } else {
            label(label, hash);
        }
        return hash;
    }

    private String put(byte[] bytes, String hash, long maxBytes) {
        Path target = content.resolve(hash);
        try {
            if (isInPlace(target, bytes.length)) {
                return hash;
            }
            checkQuota(bytes.length, maxBytes, 0);
            Path temp = DurableFiles.writeTemp(tmp, bytes); // the slow part, outside the lock
            lock.lock();
            try {
                Optional<BasicFileAttributes> there = DurableFiles.attributes(target);
                if (there.isPresent() && there.get().isRegularFile() && there.get().size() == bytes.length) {
                    DurableFiles.deleteQuietly(temp); // another writer put the same bytes first
                    return hash;
                }
                long replaced = there.map(BasicFileAttributes::size).orElse(0L); // a damaged file of that name
                try {
                    checkQuota(bytes.length, maxBytes, replaced);
                    DurableFiles.moveIntoPlace(temp, target);
                } catch (IOException | RuntimeException e) {
                    DurableFiles.deleteQuietly(temp);
                    throw e;
                }
                totalBytes += bytes.length - replaced;
                return hash;
            } finally {
                lock.unlock();
            }
        } catch (IOException | RuntimeException e) {
            throw wrap("writing content " + hash, e);
        }
    }

    private void checkQuota(long adding, long maxBytes, long replaced) {
        long after = totalBytes - replaced + adding;
        if (after > maxBytes) {
            throw new StoreException("store '" + id + "' holds " + totalBytes + " bytes; adding " + adding
                    + " would make " + after + ", more than its quota max_bytes = " + maxBytes);
        }
    }

    private static boolean isInPlace(Path file, long size) throws IOException {
        Optional<BasicFileAttributes> a = DurableFiles.attributes(file);
        return a.isPresent() && a.get().isRegularFile() && a.get().size() == size;
    }

    /**
     * The bytes content ref {@code hash} names, checked against it: bytes that do not hash to their name are an error
     * naming the content ref, never returned.
     */
    public byte[] get(String hash, long maxContentBytes) {
        Names.contentRef(hash);
        byte[] bytes;
        try (SeekableByteChannel ch = Files.newByteChannel(content.resolve(hash), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size > maxContentBytes) {
                throw new StoreException("content " + hash + " in store '" + id + "' is " + size
                        + " bytes, more than max_content_bytes = " + maxContentBytes);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
                // reads until full or the file ends
            }
            if (buffer.hasRemaining()) {
                throw new StoreException("content " + hash + " in store '" + id + "' is corrupt: it became shorter"
                        + " while being read");
            }
            bytes = buffer.array();
        } catch (NoSuchFileException e) {
            throw new StoreException("content " + hash + " is not in store '" + id + "'");
        } catch (IOException | RuntimeException e) {
            throw wrap("reading content " + hash, e);
        }
        String actual = Names.sha256Hex(bytes);
        if (!actual.equals(hash)) {
            throw new StoreException("content " + hash + " in store '" + id + "' is corrupt: its " + bytes.length
                    + " bytes hash to " + actual);
        }
        return bytes;
    }

    /** Whether content {@code hash} is in the store (its bytes are not read: {@link #get} checks them). */
    public boolean exists(String hash) {
        Names.contentRef(hash);
        try {
            return isRegularFile(content.resolve(hash));
        } catch (IOException e) {
            throw wrap("looking up content " + hash, e);
        }
    }

    /** Adds {@code hash} to {@code label}, as its latest (one already named moves to the end). */
    public void label(String label, String hash) {
        requirePresent(hash);
        changeLabel(label, refs -> {
            refs.remove(hash);
            refs.add(hash);
        });
    }

    /** Makes {@code label} name {@code hash} alone. */
    public void replaceLabel(String label, String hash) {
        requirePresent(hash);
        changeLabel(label, refs -> {
            refs.clear();
            refs.add(hash);
        });
    }

    /** The latest content {@code label} names, or empty when there is no such label. */
    public Optional<String> latest(String label) {
        return read(label, Names.label(label)).map(l -> l.refs().getLast());
    }

    /** Every content ref {@code label} names, oldest first (empty when there is no such label). */
    public List<String> refs(String label) {
        return read(label, Names.label(label)).map(LabelFile::refs).orElse(List.of());
    }

    public void removeLabel(String label) {
        byte[] utf8 = Names.label(label);
        lock.lock();
        try {
            Path file = labels.resolve(LabelFile.fileName(utf8));
            if (!Files.deleteIfExists(file)) {
                throw new StoreException("label " + Names.quote(label) + " is not in store '" + id + "'");
            }
            DurableFiles.forceFolder(labels);
        } catch (IOException | RuntimeException e) {
            throw wrap("removing label " + Names.quote(label), e);
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code hash} from {@code label}; a label left naming nothing is removed. */
    public void removeFromLabel(String label, String hash) {
        Names.contentRef(hash);
        changeLabel(label, refs -> {
            if (refs.isEmpty()) {
                throw new StoreException("label " + Names.quote(label) + " is not in store '" + id + "'");
            }
            if (!refs.remove(hash)) {
                throw new StoreException("label " + Names.quote(label) + " in store '" + id + "' does not name content "
                        + hash);
            }
        });
    }

    /** The labels, in the order of their UTF-8 bytes (Unicode code point order). */
    public List<String> labels() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(labels)) {
            for (Path file : files) {
                if (!isContentName(file)) {
                    continue;
                }
                readFile(file).ifPresent(l -> names.add(l.label())); // one removed meanwhile is gone
            }
        } catch (IOException e) {
            throw wrap("listing labels", e);
        }
        names.sort(BY_UTF8);
        return names;
    }

    /** Every content ref in the store, in lexicographic order of the hashes. */
    public List<String> contents() {
        List<String> hashes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(content)) {
            for (Path file : files) {
                if (isContentName(file) && isRegularFile(file)) {
                    hashes.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw wrap("listing content", e);
        }
        hashes.sort(Comparator.naturalOrder());
        return hashes;
    }

    // --- labels -------------------------------------------------------------------------------------------------

    private interface RefsChange {
        void apply(List<String> refs);
    }

    /** Reads, changes and durably rewrites (or removes, when nothing is left) one label's file, under the lock. */
    private void changeLabel(String label, RefsChange change) {
        byte[] utf8 = Names.label(label);
        lock.lock();
        try {
            List<String> refs = new ArrayList<>(read(label, utf8).map(LabelFile::refs).orElse(List.of()));
            change.apply(refs);
            if (refs.size() > LabelFile.MAX_REFS) {
                throw full(label);
            }
            Path file = labels.resolve(LabelFile.fileName(utf8));
            if (refs.isEmpty()) {
                Files.deleteIfExists(file);
                DurableFiles.forceFolder(labels);
            } else {
                DurableFiles.moveIntoPlace(DurableFiles.writeTemp(tmp, new LabelFile(label, refs).encode()), file);
            }
        } catch (IOException | RuntimeException e) {
            throw wrap("writing label " + Names.quote(label), e);
        } finally {
            lock.unlock();
        }
    }

    private StoreException full(String label) {
        return new StoreException("label " + Names.quote(label) + " in store '" + id + "' names " + LabelFile.MAX_REFS
                + " contents, the most a label names");
    }

    private Optional<LabelFile> read(String label, byte[] utf8) {
        try {
            return readFile(labels.resolve(LabelFile.fileName(utf8)));
        } catch (IOException e) {
            throw wrap("reading label " + Names.quote(label), e);
        }
    }

    private Optional<LabelFile> readFile(Path file) throws IOException {
        Optional<BasicFileAttributes> a = DurableFiles.attributes(file);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        String name = file.getFileName().toString();
        if (!a.get().isRegularFile() || a.get().size() > LabelFile.MAX_FILE_BYTES) {
            throw new StoreException("label file labels/" + name + " in store '" + id + "' is corrupt: it is not a"
                    + " regular file of at most " + LabelFile.MAX_FILE_BYTES + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(LabelFile.decode(bytes, name, id));
    }

    private void requirePresent(String hash) {
        if (!exists(hash)) {
            throw new StoreException("content " + hash + " is not in store '" + id + "'");
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static boolean isContentName(Path file) {
        return Names.isLowerHex(file.getFileName().toString(), Names.HASH_CHARS);
    }

    private static boolean isRegularFile(Path file) throws IOException {
        return DurableFiles.attributes(file).map(BasicFileAttributes::isRegularFile).orElse(false);
    }

    private StoreException wrap(String doing, Exception e) {
        if (e instanceof StoreException s) {
            return s;
        }
        return new StoreException("store '" + id + "': " + doing + " failed: " + describe(e), e);
    }

    static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
