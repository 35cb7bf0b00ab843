package dev.theater.chain;

import dev.theater.chain.file.ChainFileScanner;
import dev.theater.chain.file.ChainFileWriter;
import dev.theater.chain.file.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One actor's open chain. {@link #append} hashes and enqueues on the caller's thread and returns at once;
 * a writer thread persists. Thread-safe: concurrent appends are serialized, each linked to the one before.
 * Obtain one from {@link ChainStore#open}.
 */
public final class ActorChain implements AutoCloseable {
    /**
     * The type of the event that opening appends after cutting off a torn tail; its data is
     * {@code {"offset":<o>,"bytes_cut":<n>,"reason":"TORN_TAIL","detail":"..."}} (see {@link #recovery()}).
     */
    public static final String TORN_TAIL_CUT = "chain/torn-tail-cut";

    private final String actorId;
    private final Path file;
    private final ChainFileWriter writer;
    private final InstantSource clock;
    private final int defaultCapacity;
    private final Optional<ChainFailure> recovered;
    private final Runnable onClose;
    private final ReentrantLock lock = new ReentrantLock();
    private final MessageDigest digest = EventHashing.newDigest();
    private final CopyOnWriteArrayList<BoundedSubscription> subscribers = new CopyOnWriteArrayList<>();
    private Optional<Hash> head;
    private String lastType = "";
    private byte[] lastTypeUtf8 = new byte[0];
    private long size;
    private boolean closed;

    ActorChain(String actorId, Path file, ChainFileWriter writer, ScanResult opened, InstantSource clock,
               int defaultCapacity, Runnable onClose) {
        this.actorId = actorId;
        this.file = file;
        this.writer = writer;
        this.clock = clock;
        this.defaultCapacity = defaultCapacity;
        this.onClose = onClose;
        this.head = opened.head();
        this.size = opened.validCount();
        this.recovered = opened.failure();
    }

    /** The actor this chain belongs to. */
    public String actorId() {
        return actorId;
    }

    /** The chain file. */
    public Path file() {
        return file;
    }

    /** Appends an event without a description. */
    public ChainEvent append(String eventType, byte[] data) {
        return append(eventType, data, Optional.empty());
    }

    /** Appends an event with a description. */
    public ChainEvent append(String eventType, byte[] data, String description) {
        return append(eventType, data, Optional.of(description));
    }

    /**
     * Appends an event stamped with the store's clock, linked to the current head. Costs one encoding, one
     * SHA-256 and an enqueue; never waits for disk or subscribers.
     *
     * @throws ChainException when the chain is closed, its writer has failed, or a string is not valid Unicode
     */
    public ChainEvent append(String eventType, byte[] data, Optional<String> description) {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(description, "description");
        lock.lock();
        try {
            if (closed) {
                throw new ChainException(actorId, "chain " + file + " is closed", null);
            }
            long timestamp = clock.millis();
            byte[] desc;
            try {
                if (!eventType.equals(lastType)) { // event types repeat: encode each new one once
                    lastTypeUtf8 = EventHashing.utf8("event type", eventType);
                    lastType = eventType;
                }
                desc = description.isPresent() ? EventHashing.utf8("description", description.get()) : null;
            } catch (IllegalArgumentException e) {
                throw new ChainException(actorId, "cannot append a '" + eventType + "' event: " + e.getMessage(), e);
            }
            byte[] canonical = EventHashing.encode(head, lastTypeUtf8, data, timestamp, desc);
            byte[] hashBytes = digest.digest(canonical);
            Hash hash = new Hash(hashBytes);
            ChainEvent event = new ChainEvent(hash, head, eventType, data, timestamp, description);
            writer.submit(hashBytes, canonical);
            head = Optional.of(hash);
            size++;
            for (BoundedSubscription s : subscribers) {
                s.offer(event);
            }
            return event;
        } finally {
            lock.unlock();
        }
    }

    /** The hash of the last event, if any. */
    public Optional<Hash> head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** The number of events appended (persisted or still queued). */
    public long size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** How many events are persisted (written, and forced per the fsync policy). */
    public long persistedCount() {
        return writer.persistedCount();
    }

    /**
     * How many appended events wait for the writer (appended minus persisted). Appending never waits for the
     * writer, so a caller that appends faster than the disk absorbs can watch this to throttle itself.
     */
    public long backlog() {
        return size() - writer.persistedCount();
    }

    /**
     * What opening found and cut off (a torn tail left by a crash), if anything. The cut is also recorded in the
     * chain: the event after the recovered ones (index {@code recovery().get().index()}) is a
     * {@link #TORN_TAIL_CUT} event.
     */
    public Optional<ChainFailure> recovery() {
        return recovered;
    }

    /** Waits until every event appended so far is persisted. Not for the actor's hot path. */
    public void flush() {
        long target;
        lock.lock();
        try {
            target = size;
        } finally {
            lock.unlock();
        }
        writer.awaitPersisted(target);
    }

    /** Every event, read back and verified from the file (after a {@link #flush}). */
    public List<ChainEvent> events() {
        return events(EventFilter.all());
    }

    /** The events the filter keeps, read back and verified from the file (after a {@link #flush}). */
    public List<ChainEvent> events(EventFilter filter) {
        List<ChainEvent> out = new ArrayList<>();
        forEach(filter, out::add);
        return out;
    }

    /** Streams the events the filter keeps to {@code sink}, verifying as it reads; throws on a bad event. */
    public void forEach(EventFilter filter, Consumer<ChainEvent> sink) {
        flush();
        ScanResult r = scan(e -> {
            if (filter.test(e)) {
                sink.accept(e);
            }
        });
        if (r.failure().isPresent()) {
            throw new ChainIntegrityException(actorId, "chain file " + file + ": "
                    + r.failure().get().describe(), r.failure().get());
        }
    }

    /** Re-reads and verifies the persisted chain (after a {@link #flush}). */
    public VerificationReport verify() {
        flush();
        ScanResult r = scan(null);
        return new VerificationReport(file.toString(), r.validCount(), r.head(), r.failure());
    }

    private ScanResult scan(Consumer<ChainEvent> sink) {
        try {
            return ChainFileScanner.scan(file, writer.writtenEnd(), sink);
        } catch (IOException e) {
            throw new ChainException(actorId, "reading chain file " + file + " failed: " + e, e);
        }
    }

    /** Subscribes with the store's default queue bound. */
    public Subscription subscribe(ChainListener listener) {
        return subscribe(listener, defaultCapacity);
    }

    /**
     * Delivers every event appended from now on to {@code listener} on its own virtual thread. At most
     * {@code capacity} events wait; beyond that events are dropped for this listener and reported via
     * {@link ChainListener#onMissed}. The actor is never slowed by a subscriber.
     */
    public Subscription subscribe(ChainListener listener, int capacity) {
        Objects.requireNonNull(listener, "listener");
        lock.lock();
        try {
            if (closed) {
                throw new ChainException(actorId, "chain " + file + " is closed", null);
            }
            BoundedSubscription s = new BoundedSubscription("chain-subscriber-" + actorId, listener, capacity, lock,
                    subscribers::remove);
            subscribers.add(s);
            return s;
        } finally {
            lock.unlock();
        }
    }

    /** Persists everything appended, ends every subscription (after delivering what is queued) and closes the file. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (BoundedSubscription s : subscribers) {
                s.end();
            }
        } finally {
            lock.unlock();
        }
        try {
            writer.close();
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "ActorChain[" + actorId + ", " + file + "]";
    }
}
