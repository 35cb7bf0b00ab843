package dev.theater.chain.file;

import dev.theater.chain.EventHashing;
import dev.theater.chain.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A verified prefix of a chain file, kept beside it in {@code <actor>.chain.ckpt} so that opening can verify
 * only what comes after it. The prefix holds {@code count} events and ends at {@code offset}; its last record
 * starts at {@code anchor}, has hash {@code head} and names {@code parent}. Opening never trusts a checkpoint
 * blindly: it re-verifies the anchor record (which must end exactly at {@code offset} and hash to {@code head})
 * and everything after it ({@link ChainFileScanner#scanFromCheckpoint}).
 *
 * <pre>
 * 8 bytes   "THCKPT" 0x00 0x01
 * u64       offset      end of the verified prefix
 * u64       count       events in it
 * u64       anchor      offset of its last record
 * 32 bytes  head        that record's hash
 * u8        has parent  0x00 (the first event) or 0x01
 * 32 bytes  parent      that record's parent hash (zeros when none)
 * u32       CRC32C of the 97 bytes above
 * </pre>
 */
public record Checkpoint(long offset, long count, long anchor, Hash head, Optional<Hash> parent) {
    private static final byte[] MAGIC = {'T', 'H', 'C', 'K', 'P', 'T', 0, 1};
    private static final int HL = EventHashing.HASH_LENGTH;
    /** The size of a checkpoint file. */
    static final int SIZE = MAGIC.length + 3 * 8 + HL + 1 + HL + 4;

    /** The checkpoint file of a chain file: {@code <chain file>.ckpt}. */
    public static Path fileOf(Path chainFile) {
        return chainFile.resolveSibling(chainFile.getFileName() + ".ckpt");
    }

    /**
     * Reads a checkpoint file; empty when it is missing, damaged (size, magic, checksum) or describes no possible
     * prefix, or cannot be read (opening then verifies the whole file). Whether it matches the chain file is for
     * {@link ChainFileScanner#scanFromCheckpoint} to check.
     */
    public static Optional<Checkpoint> read(Path checkpointFile) {
        byte[] b;
        try {
            if (Files.size(checkpointFile) != SIZE) {
                return Optional.empty();
            }
            b = Files.readAllBytes(checkpointFile);
        } catch (IOException e) { // missing (the usual case for a small chain), unreadable, or gone meanwhile
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, SIZE - 4);
        if (b.length != SIZE || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || in.getInt(SIZE - 4) != (int) crc.getValue()) {
            return Optional.empty();
        }
        in.position(MAGIC.length);
        long offset = in.getLong();
        long count = in.getLong();
        long anchor = in.getLong();
        Hash head = new Hash(Arrays.copyOfRange(b, in.position(), in.position() + HL));
        in.position(in.position() + HL);
        byte hasParent = in.get();
        Optional<Hash> parent = hasParent == 1 ? Optional.of(new Hash(Arrays.copyOfRange(b, in.position(),
                in.position() + HL))) : Optional.empty();
        long record = offset - anchor;
        boolean possible = count >= 1 && anchor >= ChainFileFormat.HEADER.length
                && record >= ChainFileFormat.FRAME_HEADER + ChainFileFormat.MIN_BODY
                && record <= ChainFileFormat.FRAME_HEADER + ChainFileFormat.MAX_BODY
                && (hasParent == 1 || hasParent == 0) && (count == 1) == (hasParent == 0);
        return possible ? Optional.of(new Checkpoint(offset, count, anchor, head, parent)) : Optional.empty();
    }

    /** Writes this checkpoint atomically (a temporary file renamed over the old one); not forced. */
    public void write(Path checkpointFile) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        out.put(MAGIC).putLong(offset).putLong(count).putLong(anchor).put(head.bytes());
        out.put((byte) (parent.isPresent() ? 1 : 0)).put(parent.map(Hash::bytes).orElseGet(() -> new byte[HL]));
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, SIZE - 4);
        out.putInt((int) crc.getValue());
        Path tmp = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
        Files.write(tmp, out.array());
        try {
            Files.move(tmp, checkpointFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, checkpointFile, StandardCopyOption.REPLACE_EXISTING); // its checksum guards a torn copy
        }
    }
}
