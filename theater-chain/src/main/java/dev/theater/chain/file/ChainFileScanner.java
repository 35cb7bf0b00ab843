package dev.theater.chain.file;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainFailure;
import dev.theater.chain.ChainVerifier;
import dev.theater.chain.EventHashing;
import dev.theater.chain.FailureReason;
import dev.theater.chain.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Reads a chain file from the start (or from a {@link Checkpoint}), verifying every record (checksums, encoding,
 * parent link, hash), handing good events to a consumer and stopping at the first bad one.
 */
public final class ChainFileScanner {
    private final Path file;
    private final FileChannel channel;
    private final long start;
    private final long end;
    /** The read buffer: 64 KiB (less for a smaller file); it grows only for a record that does not fit. */
    static final int BUFFER_SIZE = 1 << 16;
    private byte[] buf;
    private int pos;
    private int lim;
    private long bufStart;
    private final CRC32C crc = new CRC32C();
    /** How many events verified so far (the index of the record being read), and the last one's hash. */
    private long index;
    private Optional<Hash> previous;
    /** Where the last good record starts (-1: none yet), and the parent it names. */
    private long lastStart;
    private Optional<Hash> lastParent;

    /**
     * A scanner of the records from {@code start} to {@code end}, as if {@code index} events with head
     * {@code previous} came before (the last of them at {@code lastStart}, naming {@code lastParent}).
     */
    private ChainFileScanner(Path file, FileChannel channel, long start, long end, long index, Optional<Hash> previous,
                             long lastStart, Optional<Hash> lastParent) {
        this.file = file;
        this.channel = channel;
        this.start = start;
        this.end = end;
        this.index = index;
        this.previous = previous;
        this.lastStart = lastStart;
        this.lastParent = lastParent;
        this.bufStart = start;
        this.buf = new byte[(int) Math.max(ChainFileFormat.HEADER.length, Math.min(BUFFER_SIZE, end - start))];
    }

    /** Scans the whole file. */
    public static ScanResult scan(Path file, Consumer<ChainEvent> sink) throws IOException {
        return scan(file, Long.MAX_VALUE, sink);
    }

    /** Scans up to {@code limit} bytes (records past it are ignored, as if the file ended there). */
    public static ScanResult scan(Path file, long limit, Consumer<ChainEvent> sink) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(file, ch, limit, sink);
        }
    }

    /**
     * Scans an already open channel (positional reads only: its position is not used, and it stays open), up to
     * {@code limit} bytes.
     */
    public static ScanResult scan(Path file, FileChannel channel, long limit, Consumer<ChainEvent> sink)
            throws IOException {
        return new ChainFileScanner(file, channel, 0, Math.min(limit, channel.size()), 0, Optional.empty(), -1,
                Optional.empty()).run(sink);
    }

    /**
     * Verifies the file from a checkpoint to its end, without reading the prefix the checkpoint vouches for; empty
     * when the checkpoint does not match the file, which then needs a full {@link #scan}. It re-checks the header,
     * then the checkpoint's last record (it must be a good record ending exactly at the checkpoint's offset, with
     * the checkpoint's head as its hash and its parent as parent), then every record after it.
     */
    public static Optional<ScanResult> scanFromCheckpoint(Path file, FileChannel channel, Checkpoint c)
            throws IOException {
        long size = channel.size();
        if (c.offset() > size || !hasHeader(channel)) {
            return Optional.empty();
        }
        ScanResult anchor = new ChainFileScanner(file, channel, c.anchor(), c.offset(), c.count() - 1, c.parent(), -1,
                Optional.empty()).run(null);
        if (anchor.failure().isPresent() || anchor.validCount() != c.count() || anchor.validEnd() != c.offset()
                || !anchor.head().equals(Optional.of(c.head()))) {
            return Optional.empty();
        }
        return Optional.of(new ChainFileScanner(file, channel, c.offset(), size, c.count(), Optional.of(c.head()),
                c.anchor(), c.parent()).run(null));
    }

    private static boolean hasHeader(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(ChainFileFormat.HEADER.length);
        while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
            // positional reads until the header is in or the file ends
        }
        return !b.hasRemaining() && ChainFileFormat.isHeaderPrefix(b.array(), b.capacity());
    }

    /** The header (when scanning from the start), then record after record up to the end or the first bad one. */
    private ScanResult run(Consumer<ChainEvent> sink) throws IOException {
        if (start == 0) {
            Optional<ScanResult> badHeader = readHeader();
            if (badHeader.isPresent()) {
                return badHeader.get();
            }
        }
        while (true) {
            long offset = bufStart + pos;
            if (offset == end) {
                return result(offset, null, false);
            }
            Optional<ScanResult> stop = readRecord(offset, sink);
            if (stop.isPresent()) {
                return stop.get();
            }
        }
    }

    /** Checks the header and moves past it; the result when it is torn or not a chain file's. */
    private Optional<ScanResult> readHeader() throws IOException {
        int headerLength = ChainFileFormat.HEADER.length;
        int got = fill(headerLength);
        if (got < headerLength) {
            if (ChainFileFormat.isHeaderPrefix(Arrays.copyOfRange(buf, 0, got), got)) {
                String detail = got == 0 ? "the file is empty"
                        : "the file ends inside the header after " + got + " bytes";
                return Optional.of(result(0, fail(0, null, FailureReason.TORN_TAIL, detail), true));
            }
            return Optional.of(result(0, fail(0, null, FailureReason.BAD_HEADER, "not a chain file"), false));
        }
        if (!ChainFileFormat.isHeaderPrefix(Arrays.copyOfRange(buf, 0, headerLength), headerLength)) {
            String detail = "the header is not THCHAIN version 1";
            return Optional.of(result(0, fail(0, null, FailureReason.BAD_HEADER, detail), false));
        }
        pos = headerLength;
        return Optional.empty();
    }

    /** Reads and checks the record at {@code offset}, hands its event on and moves past it; or the result there. */
    private Optional<ScanResult> readRecord(long offset, Consumer<ChainEvent> sink) throws IOException {
        Optional<ScanResult> badFrame = readFrame(offset);
        if (badFrame.isPresent()) {
            return badFrame;
        }
        int n = getInt(pos);
        int body = pos + ChainFileFormat.FRAME_HEADER;
        int hl = EventHashing.HASH_LENGTH;
        Hash stored = new Hash(Arrays.copyOfRange(buf, body, body + hl));
        ChainEvent event;
        try {
            event = EventHashing.decode(stored, buf, body + hl, n - hl);
        } catch (IllegalArgumentException e) {
            return Optional.of(result(offset, fail(offset, stored, FailureReason.UNREADABLE_RECORD,
                    "malformed event encoding: " + e.getMessage()), false));
        }
        Optional<ChainFailure> bad = checkEvent(offset, stored, event, body + hl, n - hl);
        if (bad.isPresent()) {
            return Optional.of(result(offset, bad.get(), false));
        }
        if (sink != null) {
            sink.accept(event);
        }
        lastStart = offset;
        lastParent = event.parentHash();
        previous = Optional.of(stored);
        index++;
        pos = body + n;
        return Optional.empty();
    }

    /**
     * Makes the record at {@code offset} available at {@code pos} and checks its frame: the length checksum
     * before the length is trusted, then the body checksum. The result when the record is torn or damaged.
     *
     * <p>Only what a crash can leave is a torn tail: a record the file ends inside of (inside its 12-byte header,
     * the length checksum agreeing when it is there, or before its declared length), or a file that ends in
     * nothing but zero bytes from the record's start (a power cut on some file systems). A complete record that
     * fails a check is damage, last in the file or not.
     */
    private Optional<ScanResult> readFrame(long offset) throws IOException {
        int frame = ChainFileFormat.FRAME_HEADER;
        int got = fill(frame);
        boolean lengthChecked = got >= 8; // the length and its checksum are both there
        if (lengthChecked && ChainFileFormat.lengthCrc(getInt(pos), crc) != getInt(pos + 4)) {
            return zeroTailOrDamaged(offset, "the record length checksum does not match (length field "
                    + Integer.toUnsignedString(getInt(pos)) + ")");
        }
        if (got < frame) {
            return torn(offset, "the file ends inside the record header, " + got + " bytes after its start");
        }
        int n = getInt(pos);
        if (n < ChainFileFormat.MIN_BODY || n > ChainFileFormat.MAX_BODY) {
            return damaged(offset, "impossible record length " + Integer.toUnsignedString(n));
        }
        if (fill(frame + n) < frame + n) {
            return torn(offset, "the record needs " + (frame + n) + " bytes but the file ends after " + (end - offset));
        }
        int bodyCrc = getInt(pos + 8);
        crc.reset();
        crc.update(buf, pos + frame, n);
        if ((int) crc.getValue() != bodyCrc) {
            return damaged(offset, "the record body checksum does not match (stored " + hex(bodyCrc) + ", computed "
                    + hex((int) crc.getValue()) + ")");
        }
        return Optional.empty();
    }

    /** The event's parent link, then its hash over the {@code length} encoding bytes at {@code from}. */
    private Optional<ChainFailure> checkEvent(long offset, Hash stored, ChainEvent event, int from, int length) {
        Optional<ChainFailure> badLink = ChainVerifier.checkLink(index, offset, previous, event);
        if (badLink.isPresent()) {
            return badLink;
        }
        byte[] computed = EventHashing.sha256(buf, from, length);
        if (stored.matches(computed)) {
            return Optional.empty();
        }
        return Optional.of(new ChainFailure(index, offset, Optional.of(stored), FailureReason.HASH_MISMATCH,
                "SHA-256 of the event is " + new Hash(computed).hex()));
    }

    /** A record cut short by the end of the file: a torn tail, which opening cuts off. */
    private Optional<ScanResult> torn(long offset, String detail) {
        return Optional.of(result(offset, fail(offset, null, FailureReason.TORN_TAIL, detail), true));
    }

    /** A record that fails a check: damage, which opening refuses. */
    private Optional<ScanResult> damaged(long offset, String detail) {
        return Optional.of(result(offset, fail(offset, null, FailureReason.UNREADABLE_RECORD, detail), false));
    }

    /**
     * A record whose length checksum fails: a torn tail when the file holds nothing but zero bytes from the
     * record's start to its end (what some file systems leave after a power cut), else damage.
     */
    private Optional<ScanResult> zeroTailOrDamaged(long offset, String detail) throws IOException {
        if (onlyZerosFrom(offset)) {
            return torn(offset, "the file ends in " + (end - offset) + " zero bytes where this record starts"
                    + " (a zero-filled tail)");
        }
        return damaged(offset, detail);
    }

    private boolean onlyZerosFrom(long offset) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate((int) Math.min(1 << 16, end - offset));
        long at = offset;
        while (at < end) {
            bb.clear();
            bb.limit((int) Math.min(bb.capacity(), end - at));
            int r = channel.read(bb, at);
            if (r <= 0) {
                return false; // the file shrank under us: not what the scan saw
            }
            for (int i = 0; i < r; i++) {
                if (bb.get(i) != 0) {
                    return false;
                }
            }
            at += r;
        }
        return true;
    }

    /** Makes at least {@code n} bytes available at {@code pos}; returns how many are (fewer only at the end). */
    private int fill(int n) throws IOException {
        if (lim - pos >= n) {
            return n;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
        while (lim < n) {
            long at = bufStart + lim;
            if (at >= end) {
                break;
            }
            int want = (int) Math.min(buf.length - lim, end - at);
            int r = channel.read(ByteBuffer.wrap(buf, lim, want), at);
            if (r <= 0) {
                break;
            }
            lim += r;
        }
        return Math.min(n, lim - pos);
    }

    /** What the scan found: the events so far, ending at {@code validEnd}, and the failure if any. */
    private ScanResult result(long validEnd, ChainFailure failure, boolean tornTail) {
        return new ScanResult(file, start, end, index, validEnd, previous, Optional.ofNullable(failure),
                failure != null && tornTail, lastStart, lastParent);
    }

    /** A failure of the event after the good ones. */
    private ChainFailure fail(long offset, Hash hash, FailureReason reason, String detail) {
        return new ChainFailure(index, offset, Optional.ofNullable(hash), reason, detail);
    }

    private int getInt(int p) {
        return (buf[p] & 0xff) << 24 | (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | (buf[p + 3] & 0xff);
    }

    private static String hex(int v) {
        return String.format("%08x", v);
    }
}
