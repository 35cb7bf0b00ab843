package dev.theater.chain;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/** Assembles a {@link ChainStore}. */
public final class ChainStoreBuilder {
    /** The environment variable naming the Theater home folder. */
    public static final String HOME_ENV = "THEATER_HOME";

    private Path home;
    private FsyncPolicy fsync = FsyncPolicy.GROUP_COMMIT;
    private InstantSource clock = InstantSource.system();
    private int subscriberCapacity = 1024;
    private int writeBufferSize = 1 << 16;
    private long checkpointEvents = 10_000;
    private long checkpointBytes = 8 << 20;

    ChainStoreBuilder() {
    }

    /** The Theater home folder; chains go to {@code <home>/chains}. Overrides {@code THEATER_HOME}. */
    public ChainStoreBuilder home(Path home) {
        this.home = Objects.requireNonNull(home, "home");
        return this;
    }

    /** When the writer forces events to disk (default {@link FsyncPolicy#GROUP_COMMIT}). */
    public ChainStoreBuilder fsync(FsyncPolicy fsync) {
        this.fsync = Objects.requireNonNull(fsync, "fsync");
        return this;
    }

    /** The clock that stamps appended events (default the system clock). */
    public ChainStoreBuilder clock(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** The default queue bound of a subscription (default 1024 events). */
    public ChainStoreBuilder subscriberCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("subscriber capacity must be at least 1, got " + capacity);
        }
        this.subscriberCapacity = capacity;
        return this;
    }

    /**
     * The largest writer buffer (default 64 KiB, at least 4 KiB): events are streamed through it and it goes to
     * the file whenever it is full, a record split across two writes if need be. The buffer is allocated for a
     * batch (no larger than the batch) and dropped when the writer goes idle.
     */
    public ChainStoreBuilder writeBufferSize(int bytes) {
        if (bytes < 4096) {
            throw new IllegalArgumentException("write buffer size must be at least 4096 bytes, got " + bytes);
        }
        this.writeBufferSize = bytes;
        return this;
    }

    /**
     * How often the writer records a verified checkpoint beside a chain file ({@code <actor>.chain.ckpt}, default
     * every 10,000 events or 8 MiB, whichever comes first, and on close): opening verifies only the checkpoint's
     * last record and what follows it, so it costs at most about that much, however long the chain. A chain
     * smaller than both never gets a checkpoint (it is verified in full on open, which costs no more).
     */
    public ChainStoreBuilder checkpointEvery(long events, long bytes) {
        if (events < 1 || bytes < 1) {
            throw new IllegalArgumentException("checkpoint interval must be at least 1 event and 1 byte, got "
                    + events + " events and " + bytes + " bytes");
        }
        this.checkpointEvents = events;
        this.checkpointBytes = bytes;
        return this;
    }

    /** Builds the store; nothing is created on disk until a chain is opened. */
    public ChainStore build() {
        Path h = home != null ? home : defaultHome(Optional.ofNullable(System.getenv(HOME_ENV)),
                System.getProperty("user.home"));
        return new ChainStore(h.toAbsolutePath(), fsync, clock, subscriberCapacity, writeBufferSize, checkpointEvents,
                checkpointBytes);
    }

    /** {@code $THEATER_HOME} when set and not blank, else {@code <user.home>/.theater}. */
    static Path defaultHome(Optional<String> env, String userHome) {
        return env.filter(s -> !s.isBlank()).map(Path::of).orElseGet(() -> Path.of(userHome, ".theater"));
    }
}
