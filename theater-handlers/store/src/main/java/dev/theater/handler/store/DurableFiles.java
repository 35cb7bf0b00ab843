package dev.theater.handler.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The one way the store puts bytes on disk: into a new temporary file, forced, then renamed into place (atomic on
 * one file system) and the folder forced. A kill at any moment leaves either no file or the whole file under its
 * name; at worst a temporary file is left behind, which the next open of the store removes.
 */
final class DurableFiles {

    private DurableFiles() {
    }

    /** Writes {@code bytes} into a new file {@code <tmp>/<random>.tmp} and forces it; returns its path. */
    static Path writeTemp(Path tmp, byte[] bytes) throws IOException {
        Path file = tmp.resolve(Names.newStoreId() + ".tmp");
        boolean done = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(file);
            }
        }
        return file;
    }

    /** Renames the forced temporary file onto {@code target} (replacing it) and forces {@code target}'s folder. */
    static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceFolder(target.getParent());
    }

    /** Makes the folder's entries (files created, renamed or deleted in it) durable. */
    static void forceFolder(Path folder) throws IOException {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** The attributes of {@code file} itself (a link is not followed), or empty when there is none. */
    static Optional<BasicFileAttributes> attributes(Path file) throws IOException {
        try {
            return Optional.of(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is removed when the store is next opened
        }
    }
}
