package dev.theater.chain.file;

import dev.theater.chain.EventHashing;
import dev.theater.chain.Hash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Keeps a chain file's {@link Checkpoint} current, on the writer thread: it follows the records the writer has
 * written and, after a batch is written and forced (per the fsync policy), writes a new checkpoint once the
 * events or bytes past the last one reach the interval, and when the chain closes. So opening after a crash
 * verifies fewer than {@code everyEvents} events and {@code everyBytes} bytes (plus the last batch) after the
 * checkpoint, and after a clean close only the checkpoint's last record; a chain that never reached
 * {@link #CLOSE_CHECKPOINT_EVENTS} events or {@link #CLOSE_CHECKPOINT_BYTES} bytes gets no checkpoint file and
 * is verified in full, which costs no more.
 *
 * <p>A checkpoint is a hint, not a promise: it is not forced, and opening re-verifies its last record and
 * everything after it, so a lost, stale or torn one only makes that open verify the whole file. Failing to
 * write one is therefore not an error of the chain (it is logged).
 */
public final class CheckpointKeeper {
    private static final System.Logger LOG = System.getLogger(CheckpointKeeper.class.getName());

    private final Path path;
    private final long everyEvents;
    private final long everyBytes;
    /** The prefix the checkpoint file on disk vouches for (count 0 at the header when there is none). */
    private long savedCount;
    private long savedOffset = ChainFileFormat.HEADER.length;
    /** What has been written: the count and end, and the last record (from the scan or from the writer). */
    private long count;
    private long end;
    private Optional<Checkpoint> scanned;
    private long lastStart = -1;
    private byte[] lastHash;
    private byte[] lastCanonical;
    private boolean warned;

    /**
     * @param chainFile   the chain file
     * @param everyEvents events past the last checkpoint that make a new one
     * @param everyBytes  bytes past the last checkpoint that make a new one
     * @param opened      the verified prefix opening found (empty for an empty chain)
     * @param saved       the checkpoint opening verified from, when it did
     */
    public CheckpointKeeper(Path chainFile, long everyEvents, long everyBytes, Optional<Checkpoint> opened,
                            Optional<Checkpoint> saved) {
        this.path = Checkpoint.fileOf(chainFile);
        this.everyEvents = everyEvents;
        this.everyBytes = everyBytes;
        this.scanned = opened;
        this.count = opened.map(Checkpoint::count).orElse(0L);
        this.end = opened.map(Checkpoint::offset).orElse((long) ChainFileFormat.HEADER.length);
        saved.ifPresent(c -> {
            savedCount = c.count();
            savedOffset = c.offset();
        });
    }

    /** The writer wrote one record, {@code start} to {@code start + size}. Keeps references only. */
    void written(long start, int size, byte[] hash, byte[] canonical) {
        lastStart = start;
        lastHash = hash;
        lastCanonical = canonical;
        scanned = Optional.empty();
        count++;
        end = start + size;
    }

    /** After a batch is written and forced (and when the writer starts): a new checkpoint if one is due. */
    void persisted() {
        if (count - savedCount >= everyEvents || end - savedOffset >= everyBytes) {
            save();
        }
    }

    /**
     * A chain this long (or this large) closing gets a checkpoint at its end though it is under the interval: an
     * actor restarted under the same id reopens its chain each time, and verifying a few thousand events costs
     * milliseconds per restart where one record costs microseconds. Shorter chains verify in full as fast.
     */
    static final long CLOSE_CHECKPOINT_EVENTS = 256;
    static final long CLOSE_CHECKPOINT_BYTES = 64 * 1024;

    /**
     * When the chain closes, after its last batch: a checkpoint at the end of a chain past
     * {@link #CLOSE_CHECKPOINT_EVENTS} events or {@link #CLOSE_CHECKPOINT_BYTES} bytes (or with a checkpoint
     * already) that grew since, so that the next open verifies only its last record.
     */
    void closing() {
        boolean large = savedCount > 0 || count >= Math.min(everyEvents, CLOSE_CHECKPOINT_EVENTS)
                || end >= Math.min(everyBytes, CLOSE_CHECKPOINT_BYTES);
        if (large && count > savedCount) {
            save();
        }
    }

    private void save() {
        Optional<Checkpoint> tip = scanned.isPresent() ? scanned : lastWritten();
        if (tip.isEmpty()) {
            return;
        }
        try {
            tip.get().write(path);
            savedCount = count;
            savedOffset = end;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                warned = true; // once per open chain: opening falls back to a full verification, nothing is lost
                LOG.log(System.Logger.Level.WARNING, "writing chain checkpoint " + path + " failed: " + e, e);
            }
        }
    }

    private Optional<Checkpoint> lastWritten() {
        if (lastCanonical == null) {
            return Optional.empty();
        }
        int hl = EventHashing.HASH_LENGTH;
        Optional<Hash> parent = lastCanonical[1] == 1
                ? Optional.of(new Hash(Arrays.copyOfRange(lastCanonical, 2, 2 + hl))) : Optional.empty();
        return Optional.of(new Checkpoint(end, count, lastStart, new Hash(lastHash), parent));
    }
}
