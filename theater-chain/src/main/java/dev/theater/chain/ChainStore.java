package dev.theater.chain;

import dev.theater.chain.file.ChainFileFormat;
import dev.theater.chain.file.ChainFileImporter;
import dev.theater.chain.file.Checkpoint;
import dev.theater.chain.file.CheckpointKeeper;
import dev.theater.chain.file.ChainFileScanner;
import dev.theater.chain.file.ChainFileWriter;
import dev.theater.chain.file.ScanResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Where chains live: one append-only file per actor, {@code <home>/chains/<actor id>.chain}.
 * Build one with {@link #builder()}; {@link #open} an actor's chain; {@link #close()} closes them all.
 */
public final class ChainStore implements AutoCloseable {
    private final Path home;
    private final Path chains;
    private final FsyncPolicy fsync;
    private final InstantSource clock;
    private final int subscriberCapacity;
    private final int writeBufferSize;
    private final long checkpointEvents;
    private final long checkpointBytes;
    private final Map<String, ActorChain> open = new ConcurrentHashMap<>();

    ChainStore(Path home, FsyncPolicy fsync, InstantSource clock, int subscriberCapacity, int writeBufferSize,
               long checkpointEvents, long checkpointBytes) {
        this.writeBufferSize = writeBufferSize;
        this.checkpointEvents = checkpointEvents;
        this.checkpointBytes = checkpointBytes;
        this.home = home;
        this.chains = home.resolve("chains");
        this.fsync = fsync;
        this.clock = clock;
        this.subscriberCapacity = subscriberCapacity;
    }

    /** A builder; by default home is {@code $THEATER_HOME} or {@code ~/.theater}, fsync is group commit. */
    public static ChainStoreBuilder builder() {
        return new ChainStoreBuilder();
    }

    /** The Theater home folder. */
    public Path home() {
        return home;
    }

    /** The fsync policy of chains opened here. */
    public FsyncPolicy fsync() {
        return fsync;
    }

    /** The file that holds (or would hold) an actor's chain. */
    public Path fileOf(String actorId) {
        return chains.resolve(ActorIds.fileName(actorId));
    }

    /** The actors that have a chain file here, sorted. */
    public List<String> actorIds() {
        if (!Files.isDirectory(chains)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(chains)) {
            List<String> ids = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(ActorIds.SUFFIX)).sorted()
                    .forEach(n -> ids.add(ActorIds.actorId(n)));
            return ids;
        } catch (IOException e) {
            throw new ChainException("listing chains in " + chains + " failed: " + e, e);
        }
    }

    /**
     * Opens (or creates) an actor's chain for appending. An existing file is verified first: from its checkpoint
     * when it has a valid one (the checkpoint's last record and everything after it), else in full; a torn tail
     * left by a crash is cut off, reported by {@link ActorChain#recovery()} and recorded in the chain as a
     * {@link ActorChain#TORN_TAIL_CUT} event. Damage before the checkpoint is found by {@link ActorChain#verify()}.
     *
     * @throws ChainIntegrityException when the file is damaged, anywhere but in a torn tail (nothing is changed)
     * @throws ChainException          when the chain is already open, here or in another process
     */
    public ActorChain open(String actorId) {
        Objects.requireNonNull(actorId, "actorId");
        Path file = fileOf(actorId);
        ActorChain[] created = new ActorChain[1];
        open.compute(actorId, (id, existing) -> {
            if (existing != null) {
                throw new ChainException(actorId, "chain " + file + " is already open", null);
            }
            created[0] = openFile(actorId, file);
            return created[0];
        });
        return created[0];
    }

    /** A chain file's channel, and whether opening created the file. */
    private record OpenedFile(FileChannel channel, boolean created) {
    }

    /**
     * What opening found in the file, whether it changed the file (without forcing it), how many bytes it cut, and
     * the checkpoint it verified from (if any).
     */
    private record FileState(ScanResult scan, boolean changed, long bytesCut, Optional<Checkpoint> checkpoint) {
    }

    private ActorChain openFile(String actorId, Path file) {
        FileChannel ch = null;
        try {
            OpenedFile opened = openOrCreate(file);
            ch = opened.channel();
            lock(ch, actorId, file);
            FileState state = opened.created() ? writeHeader(file, ch) : readExisting(actorId, file, ch);
            return startChain(actorId, file, ch, state, opened.created());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ChainException(actorId, "opening chain file " + file + " failed: " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    private OpenedFile openOrCreate(Path file) throws IOException {
        try {
            return new OpenedFile(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), true);
        } catch (NoSuchFileException e) { // the chains folder does not exist yet
            Files.createDirectories(chains);
            return new OpenedFile(FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), true);
        } catch (FileAlreadyExistsException e) {
            return new OpenedFile(FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE), false);
        }
    }

    /**
     * A file we just created holds nothing to verify or recover: it gets its header, and no scan. A checkpoint
     * left by an earlier file of that name (deleted since) goes.
     */
    private static FileState writeHeader(Path file, FileChannel ch) throws IOException {
        ch.write(ByteBuffer.wrap(ChainFileFormat.HEADER), 0);
        Files.deleteIfExists(Checkpoint.fileOf(file));
        return new FileState(emptyScan(file), true, 0, Optional.empty());
    }

    /**
     * Verifies an existing file and cuts off a torn tail.
     *
     * @throws ChainIntegrityException when the file is damaged, anywhere but in a torn tail (nothing is changed)
     */
    private static FileState readExisting(String actorId, Path file, FileChannel ch) throws IOException {
        if (isHeaderOnly(ch)) { // an empty chain: nothing to verify or recover, no scan
            return new FileState(emptyScan(file), false, 0, Optional.empty());
        }
        Optional<Checkpoint> checkpoint = Checkpoint.read(Checkpoint.fileOf(file));
        Optional<ScanResult> fromCheckpoint = checkpoint.isPresent()
                ? ChainFileScanner.scanFromCheckpoint(file, ch, checkpoint.get()) : Optional.empty();
        ScanResult scan = fromCheckpoint.isPresent() ? fromCheckpoint.get()
                : ChainFileScanner.scan(file, ch, Long.MAX_VALUE, null); // no checkpoint, or one that does not match
        if (scan.failure().isPresent() && !scan.tornTail()) {
            ChainFailure f = scan.failure().get();
            throw new ChainIntegrityException(actorId, "chain file " + file + " is damaged: "
                    + f.describe() + "; it was left unchanged", f);
        }
        long size = ch.size();
        boolean changed = cutTail(ch, scan);
        return new FileState(scan, changed, scan.failure().isPresent() ? size - scan.validEnd() : 0,
                fromCheckpoint.isPresent() ? checkpoint : Optional.empty());
    }

    /** Cuts the file back to its last good event (a torn header is written anew); true when that changed it. */
    private static boolean cutTail(FileChannel ch, ScanResult scan) throws IOException {
        if (scan.validEnd() < ChainFileFormat.HEADER.length) {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(ChainFileFormat.HEADER), 0);
            return true;
        }
        if (scan.validEnd() < ch.size()) {
            ch.truncate(scan.validEnd());
            return true;
        }
        return false;
    }

    /** The scan of a file that is just the header. */
    private static ScanResult emptyScan(Path file) {
        int headerLength = ChainFileFormat.HEADER.length;
        return new ScanResult(file, 0, headerLength, 0, headerLength, Optional.empty(), Optional.empty(), false, -1,
                Optional.empty());
    }

    /**
     * Starts the writer after the last good event and wraps the chain around it; a torn tail that was cut is
     * recorded as the first event after the recovered ones ({@link ActorChain#TORN_TAIL_CUT}).
     */
    private ActorChain startChain(String actorId, Path file, FileChannel ch, FileState state, boolean created) {
        long end = Math.max(state.scan().validEnd(), ChainFileFormat.HEADER.length);
        // No fsync here, on the caller's thread: what opening changed (a new file and its directory entry,
        // a rewritten header, a cut-off torn tail) is forced by the writer with its first batch (unless
        // the policy is NEVER). Until then losing it to a power cut loses nothing: an absent or
        // header-only file is an empty chain, and a torn tail that comes back is cut off again.
        ChainFileWriter.OpenSync sync = fsync == FsyncPolicy.NEVER || !state.changed() ? ChainFileWriter.OpenSync.NONE
                : created ? ChainFileWriter.OpenSync.FILE_AND_DIRECTORY : ChainFileWriter.OpenSync.FILE;
        CheckpointKeeper checkpoints = new CheckpointKeeper(file, checkpointEvents, checkpointBytes,
                state.scan().verifiedPrefix(), state.checkpoint());
        ChainFileWriter writer = new ChainFileWriter(file, chains, ch, end, state.scan().validCount(), fsync,
                writeBufferSize, sync, checkpoints, "chain-writer-" + actorId);
        ActorChain chain = new ActorChain(actorId, file, writer, state.scan(), clock, subscriberCapacity,
                () -> open.remove(actorId));
        state.scan().failure().ifPresent(cut -> chain.append(ActorChain.TORN_TAIL_CUT,
                TornTailEvent.data(cut, state.bytesCut()), TornTailEvent.description(cut, state.bytesCut())));
        return chain;
    }

    /** Whether the file is exactly the header (an empty chain). */
    private static boolean isHeaderOnly(FileChannel ch) throws IOException {
        int headerLength = ChainFileFormat.HEADER.length;
        if (ch.size() != headerLength) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(headerLength);
        while (b.hasRemaining()) {
            if (ch.read(b, b.position()) < 0) {
                return false;
            }
        }
        return ChainFileFormat.isHeaderPrefix(b.array(), headerLength);
    }

    /** Locks the file until its channel closes, or refuses a chain open elsewhere. */
    private static void lock(FileChannel ch, String actorId, Path file) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new ChainException(actorId, "chain " + file
                    + " is already open in another store or process", null);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /**
     * Verifies an actor's chain file from disk. For a chain that is open and being appended to, use
     * {@link ActorChain#verify()}, which first flushes and stops at what the writer has written (read here,
     * a record the writer is still writing would look like a torn tail).
     */
    public VerificationReport verify(String actorId) {
        return verifyFile(fileOf(actorId));
    }

    /** Verifies any chain file: every record's checksums, encoding, parent link and hash. */
    public static VerificationReport verifyFile(Path file) {
        try {
            ScanResult r = ChainFileScanner.scan(file, null);
            return new VerificationReport(file.toString(), r.validCount(), r.head(), r.failure());
        } catch (IOException e) {
            throw new ChainException("reading chain file " + file + " failed: " + e, e);
        }
    }

    /** Reads and verifies every event of a chain file; throws at the first bad event. */
    public static List<ChainEvent> readFile(Path file) {
        List<ChainEvent> out = new ArrayList<>();
        try {
            ScanResult r = ChainFileScanner.scan(file, out::add);
            if (r.failure().isPresent()) {
                throw new ChainIntegrityException("chain file " + file + ": " + r.failure().get().describe(),
                        r.failure().get());
            }
        } catch (IOException e) {
            throw new ChainException("reading chain file " + file + " failed: " + e, e);
        }
        return out;
    }

    /**
     * Reads a chain file, handing each event that verified to {@code sink} in order, and stops at the first bad
     * one; unlike {@link #readFile(Path)} a damaged file does not throw: the report names its first bad event.
     * Holds no events in memory, takes no lock and changes nothing (a chain being appended to meanwhile may end
     * in what looks like a torn tail).
     */
    public static VerificationReport readFile(Path file, Consumer<ChainEvent> sink) {
        Objects.requireNonNull(sink, "sink");
        try {
            ScanResult r = ChainFileScanner.scan(file, sink);
            return new VerificationReport(file.toString(), r.validCount(), r.head(), r.failure());
        } catch (IOException e) {
            throw new ChainException("reading chain file " + file + " failed: " + e, e);
        }
    }

    /**
     * Writes {@code events}, exactly as they are, as {@code actorId}'s chain (an import, for instance of a
     * {@link dev.theater.chain.json.ChainJson} export), after verifying them. The file is written beside its
     * place and renamed onto it, so a crash leaves no chain or all of it. Later {@link #open}s append to it.
     *
     * @param replace whether an existing chain of that actor is replaced; when false one is refused
     * @return the report of the file written, re-verified from disk
     * @throws ChainIntegrityException when the events do not verify (nothing is written)
     * @throws ChainException          when the actor has a chain and {@code replace} is false, or its chain is open
     *                                 (here, in another store or in another process)
     */
    public VerificationReport importChain(String actorId, List<ChainEvent> events, boolean replace) {
        Objects.requireNonNull(actorId, "actorId");
        Path file = fileOf(actorId);
        VerificationReport checked = ChainVerifier.verify("the events to import as " + actorId, events);
        if (!checked.valid()) {
            throw new ChainIntegrityException(actorId, checked.describe() + "; nothing was imported",
                    checked.failure().orElseThrow());
        }
        if (open.containsKey(actorId)) {
            throw new ChainException(actorId, "chain " + file + " is open; close it before importing over it", null);
        }
        try {
            if (Files.exists(file) && !replace) {
                throw new ChainException(actorId, "a chain is already at " + file + "; nothing was imported", null);
            }
            if (Files.exists(file)) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    lock(ch, actorId, file); // refuses a chain open elsewhere; released when ch closes
                    ChainFileImporter.write(file, events, true);
                }
            } else {
                ChainFileImporter.write(file, events, false);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ChainException(actorId, "a chain is already at " + file + "; nothing was imported", e);
        } catch (IOException e) {
            throw new ChainException(actorId, "importing into chain file " + file + " failed: " + e, e);
        }
        return verifyFile(file);
    }

    /** Closes every chain opened here, persisting what they hold. */
    @Override
    public void close() {
        for (ActorChain c : List.copyOf(open.values())) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "ChainStore[" + home + ", fsync " + fsync + "]";
    }
}
