package dev.theater.handler.filesystem;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The granted folder, held open, and every file operation inside it. Each path is walked one name at a time from
 * that open folder ({@link SecureDirectoryStream}: {@code openat}, {@code fstatat}, {@code unlinkat},
 * {@code renameat} on the folder's descriptor), never following a symbolic link, so no path, link or rename can lead
 * outside. What the actor can reach is folders and regular files with one link: a symbolic link, a FIFO, socket or
 * device, or a file with other hard links is refused (delete-file may remove one). The README's "The sandbox" says
 * what is guaranteed and what is not.
 */
final class Sandbox implements AutoCloseable {

    static final int MAX_ENTRIES = 100_000;
    static final int MAX_DEPTH = 256;

    private static final Path SELF = Path.of(".");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path rootPath;
    private final SecureDirectoryStream<Path> root;

    private Sandbox(Path rootPath, SecureDirectoryStream<Path> root) {
        this.rootPath = rootPath;
        this.root = root;
    }

    /** Opens the folder {@code rootPath} (a real path); fails where the platform has no {@code openat}. */
    static Sandbox open(Path rootPath) throws IOException {
        DirectoryStream<Path> stream = Files.newDirectoryStream(rootPath);
        if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
            stream.close();
            throw new IOException("this platform cannot open files relative to a folder (no SecureDirectoryStream),"
                    + " so the filesystem handler cannot keep paths inside " + rootPath);
        }
        return new Sandbox(rootPath, secure);
    }

    Path rootPath() {
        return rootPath;
    }

    byte[] read(String fn, RelativePath p, long maxBytes) {
        notRoot(fn, p, "the granted folder itself is not a file");
        try (SecureDirectoryStream<Path> dir = walk(fn, p, p.parent(), false)) {
            Path name = Path.of(p.name());
            BasicFileAttributes before = file(fn, p, dir, name, true);
            if (before.size() > maxBytes) {
                throw new FsException(fn + " " + p.quoted() + ": the file is " + before.size() + " bytes, more than"
                        + " max_file_bytes = " + maxBytes);
            }
            try (SeekableByteChannel ch = dir.newByteChannel(name, Set.of(StandardOpenOption.READ, NOFOLLOW_LINKS))) {
                sameFile(fn, p, before, attributes(dir, name));
                // one byte more than expected, so that a file growing while it is read is seen
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes + 1, before.size() + 1));
                while (ch.read(buffer) >= 0) {
                    if (!buffer.hasRemaining()) {
                        if (buffer.capacity() > maxBytes) {
                            throw new FsException(fn + " " + p.quoted() + ": the file grew past max_file_bytes = "
                                    + maxBytes + " while it was read");
                        }
                        buffer = ByteBuffer.allocate((int) Math.min(maxBytes + 1, buffer.capacity() * 2L))
                                .put(buffer.flip());
                    }
                }
                byte[] bytes = new byte[buffer.position()];
                buffer.flip().get(bytes);
                return bytes;
            }
        } catch (IOException e) {
            throw io(fn, p, e);
        }
    }

    /** Replaces the file atomically: a new file beside it, written and forced, then renamed over it. */
    void write(String fn, RelativePath p, byte[] content) {
        notRoot(fn, p, "the granted folder itself is not a file");
        try (SecureDirectoryStream<Path> dir = walk(fn, p, p.parent(), false)) {
            Path name = Path.of(p.name());
            if (attributes(dir, name) != null) {
                file(fn, p, dir, name, true);
            }
            Path tmp = Path.of(RelativePath.RESERVED_PREFIX + token());
            boolean moved = false;
            try {
                try (SeekableByteChannel ch = dir.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, NOFOLLOW_LINKS))) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    if (ch instanceof FileChannel file) {
                        file.force(true); // the bytes are on disk before the name points at them
                    }
                }
                dir.move(tmp, dir, name); // renameat: atomic, and never through a link
                moved = true;
            } finally {
                if (!moved) {
                    quietly(() -> dir.deleteFile(tmp));
                }
            }
        } catch (IOException e) {
            throw io(fn, p, e);
        }
    }

    /** The names in the folder, sorted (by UTF-16 code units, as {@link String#compareTo}), the handler's own hidden. */
    List<String> list(String fn, RelativePath p) {
        try (SecureDirectoryStream<Path> dir = walk(fn, p, p.segments(), false)) {
            List<String> names = new ArrayList<>();
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                if (name.startsWith(RelativePath.RESERVED_PREFIX)) {
                    continue;
                }
                if (names.size() == MAX_ENTRIES) {
                    throw new FsException(fn + " " + p.quoted() + ": the folder holds more than " + MAX_ENTRIES
                            + " entries");
                }
                names.add(name);
            }
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw io(fn, p, e);
        }
    }

    /** Removes the name (a symbolic link or special file too: the link goes, never what it points at). */
    void deleteFile(String fn, RelativePath p) {
        notRoot(fn, p, "the granted folder itself is not a file");
        try (SecureDirectoryStream<Path> dir = walk(fn, p, p.parent(), false)) {
            Path name = Path.of(p.name());
            BasicFileAttributes a = attributes(dir, name);
            if (a == null) {
                throw missing(fn, p, p.segments().size());
            }
            if (a.isDirectory()) {
                throw new FsException(fn + " " + p.quoted() + ": it is a folder; use delete-dir");
            }
            dir.deleteFile(name);
        } catch (IOException e) {
            throw io(fn, p, e);
        }
    }

    /**
     * Creates the folder and its missing parents. Java has no {@code mkdirat}: each new folder is made under a
     * reserved name directly in the granted folder, then renamed into place relative to its open parent.
     */
    void createDir(String fn, RelativePath p) {
        SecureDirectoryStream<Path> dir = null;
        try {
            dir = root.newDirectoryStream(SELF, NOFOLLOW_LINKS);
            for (int i = 0; i < p.segments().size(); i++) {
                Path name = Path.of(p.segments().get(i));
                if (attributes(dir, name) == null) {
                    Path stage = Path.of(RelativePath.RESERVED_PREFIX + token());
                    Files.createDirectory(rootPath.resolve(stage));
                    try {
                        root.move(stage, dir, name);
                    } catch (FileSystemException e) {
                        if (attributes(dir, name) == null) {
                            throw e;
                        }
                        // made meanwhile by someone else: theirs is checked below like any other
                    } finally {
                        quietly(() -> root.deleteDirectory(stage));
                    }
                }
                SecureDirectoryStream<Path> next = child(fn, p, dir, name, i + 1);
                dir.close();
                dir = next;
            }
        } catch (IOException e) {
            throw io(fn, p, e);
        } finally {
            if (dir != null) {
                quietly(dir::close);
            }
        }
    }

    /** Deletes the folder and everything in it, never following a link (a link inside is removed, not its target). */
    void deleteDir(String fn, RelativePath p) {
        if (p.isRoot()) {
            throw RelativePath.refused(fn, p.text(), "the granted folder itself cannot be deleted");
        }
        try (SecureDirectoryStream<Path> parent = walk(fn, p, p.parent(), false)) {
            Path name = Path.of(p.name());
            try (SecureDirectoryStream<Path> dir = child(fn, p, parent, name, p.segments().size())) {
                deleteTree(fn, p, dir, 1);
            }
            parent.deleteDirectory(name);
        } catch (IOException e) {
            throw io(fn, p, e);
        }
    }

    private void deleteTree(String fn, RelativePath p, SecureDirectoryStream<Path> dir, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new FsException(fn + " " + p.quoted() + ": the folder is nested deeper than " + MAX_DEPTH + " levels");
        }
        List<Path> entries = new ArrayList<>();
        try (SecureDirectoryStream<Path> listing = dir.newDirectoryStream(SELF, NOFOLLOW_LINKS)) {
            listing.forEach(e -> entries.add(e.getFileName()));
        }
        for (Path entry : entries) {
            BasicFileAttributes a = attributes(dir, entry);
            if (a == null) {
                continue; // gone meanwhile
            }
            if (a.isDirectory()) {
                try (SecureDirectoryStream<Path> sub = dir.newDirectoryStream(entry, NOFOLLOW_LINKS)) {
                    sameFile(fn, p, a, self(sub));
                    deleteTree(fn, p, sub, depth + 1);
                }
                dir.deleteDirectory(entry);
            } else {
                dir.deleteFile(entry);
            }
        }
    }

    /** Whether a folder or regular file is at the path; a missing name anywhere is false. */
    boolean exists(String fn, RelativePath p) {
        if (p.isRoot()) {
            return true;
        }
        try (SecureDirectoryStream<Path> dir = walk(fn, p, p.parent(), true)) {
            if (dir == null) {
                return false;
            }
            Path name = Path.of(p.name());
            BasicFileAttributes a = attributes(dir, name);
            if (a == null) {
                return false;
            }
            if (!a.isDirectory()) {
                file(fn, p, dir, name, false);
            }
            return true;
        } catch (IOException e) {
            throw io(fn, p, e);
        }
    }

    /** The folder's path on disk, after checking it is a folder reached without links (for a command's working folder). */
    Path folder(String fn, RelativePath p) {
        try (SecureDirectoryStream<Path> dir = walk(fn, p, p.segments(), false)) {
            Path folder = rootPath;
            for (String s : p.segments()) {
                folder = folder.resolve(s);
            }
            return folder;
        } catch (IOException e) {
            throw io(fn, p, e);
        }
    }

    /**
     * Opens the folder the first {@code segments} of {@code p} name, each relative to the one before without
     * following links; a fresh handle the caller closes. With {@code missingIsNull}, a missing or non-folder name
     * gives null instead of an error.
     */
    private SecureDirectoryStream<Path> walk(String fn, RelativePath p, List<String> segments, boolean missingIsNull)
            throws IOException {
        SecureDirectoryStream<Path> dir = root.newDirectoryStream(SELF, NOFOLLOW_LINKS);
        try {
            for (int i = 0; i < segments.size(); i++) {
                Path name = Path.of(segments.get(i));
                if (missingIsNull) {
                    BasicFileAttributes a = attributes(dir, name);
                    if (a == null || a.isRegularFile()) { // a link or special file goes on, to be refused
                        dir.close();
                        return null;
                    }
                }
                SecureDirectoryStream<Path> next = child(fn, p, dir, name, i + 1);
                dir.close();
                dir = next;
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            quietly(dir::close);
            throw e;
        }
    }

    /**
     * Opens the folder {@code name} in {@code dir}: checked (a folder, not a link) before it is opened, and the opened
     * descriptor checked to be that same folder (device and inode) after, so a swap in between is refused.
     */
    private SecureDirectoryStream<Path> child(String fn, RelativePath p, SecureDirectoryStream<Path> dir, Path name,
                                              int upTo) throws IOException {
        BasicFileAttributes a = attributes(dir, name);
        if (a == null) {
            throw missing(fn, p, upTo);
        }
        kind(fn, p, a, upTo);
        if (!a.isDirectory()) {
            throw new FsException(fn + " " + p.quoted() + ": " + prefix(p, upTo) + " is a file, not a folder");
        }
        SecureDirectoryStream<Path> next;
        try {
            next = dir.newDirectoryStream(name, NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw missing(fn, p, upTo);
        } catch (FileSystemException e) {
            throw changed(fn, p, upTo); // ELOOP: it became a link after the check
        }
        try {
            sameFile(fn, p, a, self(next));
        } catch (RuntimeException e) {
            quietly(next::close);
            throw e;
        }
        return next;
    }

    /**
     * Checks that {@code name} in {@code dir} is a regular file with one link and returns its attributes; with
     * {@code mustBeFile}, a folder is an error too.
     */
    private BasicFileAttributes file(String fn, RelativePath p, SecureDirectoryStream<Path> dir, Path name,
                                     boolean mustBeFile) throws IOException {
        int all = p.segments().size();
        BasicFileAttributes a = attributes(dir, name);
        if (a == null) {
            throw missing(fn, p, all);
        }
        kind(fn, p, a, all);
        if (a.isDirectory()) {
            if (mustBeFile) {
                throw new FsException(fn + " " + p.quoted() + ": it is a folder, not a file");
            }
            return a;
        }
        long links = links(p, a);
        if (links < 0) {
            throw changed(fn, p, all);
        }
        if (links > 1) {
            throw RelativePath.refused(fn, p.text(), "the file has " + links + " hard links; a file with other names"
                    + " may be one outside the granted folder");
        }
        return a;
    }

    /** Refuses a symbolic link and a special file. */
    private static void kind(String fn, RelativePath p, BasicFileAttributes a, int upTo) {
        if (a.isSymbolicLink()) {
            throw RelativePath.refused(fn, p.text(), prefix(p, upTo) + " is a symbolic link");
        }
        if (a.isOther()) {
            throw RelativePath.refused(fn, p.text(), prefix(p, upTo) + " is a special file (a FIFO, socket or device)");
        }
    }

    /**
     * The link count, read by path (the descriptor-relative view has none) and trusted only when the path still leads
     * to the checked file (same device and inode); -1 when it does not, 1 where the platform cannot tell.
     */
    private long links(RelativePath p, BasicFileAttributes checked) throws IOException {
        Path full = rootPath;
        for (String s : p.segments()) {
            full = full.resolve(s);
        }
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(full, "unix:nlink,fileKey", NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return 1; // no "unix" view: hard links cannot be detected on this platform
        } catch (NoSuchFileException e) {
            return -1; // the name moved since it was checked
        }
        if (!Objects.equals(unix.get("fileKey"), checked.fileKey())) {
            return -1; // the path (walked anew, by name) no longer leads to the checked file
        }
        return ((Number) unix.get("nlink")).longValue();
    }

    private static void sameFile(String fn, RelativePath p, BasicFileAttributes before, BasicFileAttributes after) {
        if (after == null || before.fileKey() == null || !before.fileKey().equals(after.fileKey())
                || after.isSymbolicLink() || after.isOther()) {
            throw changed(fn, p, p.segments().size());
        }
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, Path name) throws IOException {
        try {
            return dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The attributes of the open folder itself ({@code fstat} of its descriptor). */
    private static BasicFileAttributes self(SecureDirectoryStream<Path> dir) throws IOException {
        return dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
    }

    private static void notRoot(String fn, RelativePath p, String why) {
        if (p.isRoot()) {
            throw new FsException(fn + " " + p.quoted() + ": " + why);
        }
    }

    private static String prefix(RelativePath p, int upTo) {
        return RelativePath.quote(String.join("/", p.segments().subList(0, upTo)));
    }

    private static FsException missing(String fn, RelativePath p, int upTo) {
        return new FsException(fn + " " + p.quoted() + ": " + prefix(p, upTo) + " does not exist");
    }

    private static FsException changed(String fn, RelativePath p, int upTo) {
        return RelativePath.refused(fn, p.text(), prefix(p, upTo) + " changed while it was being opened");
    }

    /** An I/O failure, without the host's absolute paths: what the actor sent and the system's reason. */
    private static FsException io(String fn, RelativePath p, IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileAlreadyExistsException ? "it already exists"
                : e instanceof DirectoryNotEmptyException ? "the folder is not empty"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getClass().getSimpleName();
        return new FsException(fn + " " + p.quoted() + ": I/O error: " + reason);
    }

    private static String token() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void quietly(IoAction action) {
        try {
            action.run();
        } catch (IOException | RuntimeException ignored) {
            // cleanup: the failure that matters is already being reported
        }
    }

    @Override
    public void close() throws IOException {
        root.close();
    }
}
