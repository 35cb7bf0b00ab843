package dev.theater.chain.file;

import dev.theater.chain.ChainException;
import dev.theater.chain.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * Persists submitted records on its own (virtual, daemon) thread. {@link #submit} only enqueues; the thread
 * takes everything queued, frames it, writes it with one {@code write} call per buffer-full and forces it
 * according to the {@link FsyncPolicy}.
 */
public final class ChainFileWriter implements AutoCloseable {
    private record Pending(byte[] hash, byte[] canonical) {
    }

    private final Path file;
    private final FileChannel channel;
    private final FsyncPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final ByteBuffer out;
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

    /** Starts the writer for a channel positioned at {@code end}, which holds {@code count} events. */
    public ChainFileWriter(Path file, FileChannel channel, long end, long count, FsyncPolicy policy, int bufferSize,
                           String name) {
        this.file = file;
        this.out = ByteBuffer.allocateDirect(bufferSize);
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

    private void run() {
        while (true) {
            ArrayList<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    writerWaiting = true;
                    work.awaitUninterruptibly();
                }
                writerWaiting = false;
                if (queue.isEmpty()) {
                    return;
                }
                batch = queue;
                queue = spare;
            } finally {
                lock.unlock();
            }
            try {
                write(batch);
            } catch (IOException | RuntimeException e) {
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
    }

    /**
     * Streams the batch through the buffer: a record that does not fit is split across two writes, so the
     * buffer always goes out full. (A crash between those writes leaves a torn tail, which opening cuts off.)
     */
    private void write(ArrayList<Pending> batch) throws IOException {
        for (Pending p : batch) {
            int size = ChainFileFormat.recordSize(p.canonical.length);
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
                channel.force(false);
            }
        }
        drain(out);
        if (policy == FsyncPolicy.GROUP_COMMIT) {
            channel.force(false);
        }
    }

    private void drain(ByteBuffer b) throws IOException {
        b.flip();
        long end = writtenEnd;
        while (b.hasRemaining()) {
            end += channel.write(b, end);
        }
        writtenEnd = end;
        b.clear();
    }

    /** Writes everything queued, forces it (unless the policy is NEVER) and closes the file. */
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
            if (failure == null && policy != FsyncPolicy.NEVER) {
                channel.force(true);
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
