package dev.theater.chain.file;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.EventHashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes a whole chain file at once from events that were verified elsewhere (an import): into a temporary file
 * beside the target, forced, then renamed onto the target, so a crash leaves either no chain or all of it.
 */
public final class ChainFileImporter {
    private ChainFileImporter() {
    }

    /**
     * Writes {@code events}, exactly as they are (hashes, parents and timestamps kept), as the chain file
     * {@code target}; a checkpoint left beside an earlier file of that name is removed.
     *
     * @param replace when false, an existing {@code target} makes this throw
     *                {@link java.nio.file.FileAlreadyExistsException} and nothing changes
     */
    public static void write(Path target, List<ChainEvent> events, boolean replace) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".import");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeAll(ch, events);
                ch.force(true);
            }
            Files.deleteIfExists(Checkpoint.fileOf(target));
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(tmp, target); // FileAlreadyExistsException when a chain is there
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    private static void writeAll(FileChannel ch, List<ChainEvent> events) throws IOException {
        write(ch, ByteBuffer.wrap(ChainFileFormat.HEADER));
        CRC32C crc = new CRC32C();
        for (ChainEvent e : events) {
            byte[] canonical = EventHashing.encode(e.parentHash(), e.eventType(), e.data(), e.timestamp(),
                    e.description());
            ByteBuffer record = ByteBuffer.allocate(ChainFileFormat.recordSize(canonical.length));
            ChainFileFormat.writeRecord(record, e.hash().bytes(), canonical, crc);
            write(ch, record.flip());
        }
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory; the file itself is forced
        }
    }
}
