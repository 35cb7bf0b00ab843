package dev.theater.chain.file;

import dev.theater.chain.ChainException;
import dev.theater.chain.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Persists submitted records on its own (virtual, daemon) thread. {@link #submit} only enqueues; the thread
 * takes everything queued, frames it, writes it with one {@code write} call per buffer-full and forces it
 * according to the {@link FsyncPolicy}.
 *
 * <p>The buffer is a heap buffer allocated for a batch (no larger than the batch, at most {@code bufferSize})
 * and dropped when the writer has been idle for 100 ms, so an open chain that is not writing holds no buffer.
 *
 * <p>What opening changed and did not force ({@link OpenSync}) is forced with the first commit: the first
 * batch is forced with {@code fsync} (data and metadata) instead of {@code fdatasync}, and the directory of a
 * new file is forced once, before that batch counts as persisted.
 */
public final class ChainFileWriter implements AutoCloseable {
    /** What opening changed without forcing it, to force with the first commit. */
    public enum OpenSync {
        /** nothing (or the policy is NEVER) */
        NONE,
        /** the file (a rewritten header or a cut-off tail): fsync it */
        FILE,
        /** a new file: fsync it and its directory */
        FILE_AND_DIRECTORY
    }

    private record Pending(byte[] hash, byte[] canonical) {
    }

    /** How long the writer stays idle before it drops its buffer. */
    private static final long IDLE_RELEASE_NANOS = 100_000_000L;
    /** The smallest buffer allocated for a batch. */
    private static final int MIN_BUFFER = 4096;

    private final Path file;
    private final FileChannel channel;
    private final FsyncPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final Path directory;
    private final int bufferSize;
    /** Runs after every force of the file: the seam through which tests tell the fsync policies apart. */
    private final Runnable afterForce;
    /** Writes the checkpoint beside the file when one is due (writer thread only). */
    private final CheckpointKeeper checkpoints;
    private OpenSync openSync;
    private ByteBuffer out; // writer thread only; null while idle
    private boolean unforced; // writer thread only: bytes written since the last force
    private final CRC32C crc = new CRC32C();
    private final Thread thread;
    private ArrayList<Pending> queue = new ArrayList<>();
    private ArrayList<Pending> spare = new ArrayList<>();
    private boolean writerWaiting;
    private boolean closing;
    private long submitted;
    private volatile long persisted;
    private volatile long writtenEnd;
    private volatile Throwable failure;

    /**
     * Starts the writer for a channel positioned at {@code end}, which holds {@code count} events; it keeps the
     * file's checkpoint through {@code checkpoints}.
     */
    public ChainFileWriter(Path file, Path directory, FileChannel channel, long end, long count, FsyncPolicy policy,
                           int bufferSize, OpenSync openSync, CheckpointKeeper checkpoints, String name) {
        this(file, directory, channel, end, count, policy, bufferSize, openSync, checkpoints, name, () -> { });
    }

    /** As the public constructor, and runs {@code afterForce} after every force of the file (for tests). */
    ChainFileWriter(Path file, Path directory, FileChannel channel, long end, long count, FsyncPolicy policy,
                    int bufferSize, OpenSync openSync, CheckpointKeeper checkpoints, String name, Runnable afterForce) {
        this.file = file;
        this.checkpoints = checkpoints;
        this.afterForce = afterForce;
        this.directory = directory;
        this.bufferSize = bufferSize;
        this.openSync = policy == FsyncPolicy.NEVER ? OpenSync.NONE : openSync;
        this.channel = channel;
        this.policy = policy;
        this.writtenEnd = end;
        this.submitted = count;
        this.persisted = count;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Enqueues one record; returns its sequence number (the event count once it is persisted). */
    public long submit(byte[] hash, byte[] canonical) {
        lock.lock();
        try {
            if (failure != null) {
                throw new ChainException("chain file " + file + ": the writer failed: " + failure.getMessage(), failure);
            }
            if (closing) {
                throw new ChainException("chain file " + file + " is closed");
            }
            queue.add(new Pending(hash, canonical));
            if (writerWaiting) {
                writerWaiting = false;
                work.signal();
            }
            return ++submitted;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the event with sequence number {@code seq} is written and forced per policy. */
    public void awaitPersisted(long seq) {
        lock.lock();
        try {
            while (persisted < seq && failure == null) {
                progress.awaitUninterruptibly();
            }
            if (persisted < seq) {
                throw new ChainException("chain file " + file + ": the writer failed: " + failure.getMessage(), failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many events are persisted (written, and forced per policy). */
    public long persistedCount() {
        return persisted;
    }

    /** The file offset just after the last written record. */
    public long writtenEnd() {
        return writtenEnd;
    }

    /** Waits for work at most {@code nanos}; true when the time ran out. Called holding the lock. */
    private boolean awaitWork(long nanos) {
        try {
            return work.awaitNanos(nanos) <= 0;
        } catch (InterruptedException e) {
            return false; // nobody interrupts the writer; just look at the queue again
        }
    }

    /** How long the writer lingers after a batch before it asks appenders to wake it. */
    private static final long LINGER_NANOS = Long.getLong("theater.chain.lingerMicros", 500) * 1000;

    private void run() {
        checkpoints.persisted(); // after opening verified a large file in full: checkpoint it now
        boolean lingered = false;
        while (true) {
            ArrayList<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    if (!lingered && out != null && LINGER_NANOS > 0) {
                        // after a batch, wait a little without asking appenders to signal: events that come in
                        // bursts (an actor's start, a message's host call and export call) then cost the
                        // appending thread no wake-up of this one
                        lingered = true;
                        awaitWork(LINGER_NANOS);
                        continue;
                    }
                    writerWaiting = true;
                    if (out == null) {
                        work.awaitUninterruptibly();
                    } else if (awaitWork(IDLE_RELEASE_NANOS) && queue.isEmpty()) {
                        out = null; // idle for a while: hold no buffer
                    }
                }
                writerWaiting = false;
                if (queue.isEmpty()) {
                    break; // closing, and everything is written
                }
                batch = queue;
                queue = spare;
                lingered = false;
            } finally {
                lock.unlock();
            }
            try {
                write(batch);
                checkpoints.persisted(); // before the batch counts as persisted: flush() sees the checkpoint
            } catch (IOException | RuntimeException | Error e) {
                // an Error too (the heap short during a write, say): the chain fails loudly, nobody waits forever
                lock.lock();
                try {
                    failure = e;
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            }
            lock.lock();
            try {
                persisted += batch.size();
                batch.clear();
                spare = batch;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
        checkpoints.closing();
    }

    /**
     * Streams the batch through the buffer: a record that does not fit is split across two writes, so the
     * buffer always goes out full. (A crash between those writes leaves a torn tail, which opening cuts off.)
     */
    private void write(ArrayList<Pending> batch) throws IOException {
        ByteBuffer out = buffer(batch);
        for (Pending p : batch) {
            int size = ChainFileFormat.recordSize(p.canonical.length);
            checkpoints.written(writtenEnd + out.position(), size, p.hash, p.canonical);
            if (size <= out.remaining()) {
                ChainFileFormat.writeRecord(out, p.hash, p.canonical, crc);
            } else {
                ByteBuffer record = ByteBuffer.allocate(size);
                ChainFileFormat.writeRecord(record, p.hash, p.canonical, crc);
                record.flip();
                while (record.hasRemaining()) {
                    int n = Math.min(out.remaining(), record.remaining());
                    out.put(record.slice(record.position(), n));
                    record.position(record.position() + n);
                    if (!out.hasRemaining()) {
                        drain(out);
                    }
                }
            }
            if (policy == FsyncPolicy.ALWAYS) {
                drain(out);
                commit();
            }
        }
        drain(out);
        if (policy == FsyncPolicy.GROUP_COMMIT) {
            commit();
        }
    }

    /** The buffer for a batch: the one kept since the last batch if big enough, else a new one. */
    private ByteBuffer buffer(ArrayList<Pending> batch) {
        long need = 0;
        for (Pending p : batch) {
            need += ChainFileFormat.recordSize(p.canonical.length);
            if (need >= bufferSize) {
                break;
            }
        }
        int size = (int) Math.min(bufferSize, Math.max(MIN_BUFFER, need));
        if (out == null || out.capacity() < size) {
            out = ByteBuffer.allocate(size);
        }
        return out;
    }

    /** Forces what was written: fdatasync, or at the first commit what opening left to force. */
    private void commit() throws IOException {
        if (openSync != OpenSync.NONE) {
            channel.force(true);
            if (openSync == OpenSync.FILE_AND_DIRECTORY) {
                forceDirectory(directory);
            }
            openSync = OpenSync.NONE;
        } else {
            channel.force(false);
        }
        afterForce.run();
        unforced = false;
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory; the file itself is forced
        }
    }

    private void drain(ByteBuffer b) throws IOException {
        b.flip();
        long end = writtenEnd;
        while (b.hasRemaining()) {
            end += channel.write(b, end);
            unforced = true;
        }
        writtenEnd = end;
        b.clear();
    }

    /**
     * Writes everything queued, forces what is not forced yet (unless the policy is NEVER) and closes the file.
     * A chain that got no event since it was opened is not forced: what opening changed needs no durability
     * (see {@link OpenSync}).
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try (channel) {
            if (failure == null && policy != FsyncPolicy.NEVER && unforced) {
                channel.force(true);
                afterForce.run();
            }
        } catch (IOException e) {
            throw new ChainException("chain file " + file + ": closing failed: " + e.getMessage(), e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw new ChainException("chain file " + file + ": the writer failed: " + failure.getMessage(), failure);
        }
    }
}
