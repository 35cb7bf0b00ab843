package dev.theater.bench.chain;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What restarting an actor with a long chain pays: each op opens an <b>existing</b> chain of {@code events}
 * events (100-byte payloads, written once per trial, in the page cache) and closes it without appending.
 * {@code checkpoint}, restored before every op (not measured):
 * <ul>
 *   <li>{@code end}: the checkpoint a clean close leaves, at the end of the file: opening verifies one record;</li>
 *   <li>{@code crash}: a checkpoint 9,999 events behind the end, the most a crash leaves with the default interval
 *       (10,000 events): opening verifies the checkpoint's last record and 9,999 more;</li>
 *   <li>{@code none}: no checkpoint: opening verifies the whole file, as every open did before checkpoints.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ChainReopenBenchmark {
    /** How far behind the end a checkpoint left by a crash can be, with the default interval. */
    static final int CRASH_TAIL = 9_999;

    @Param({"1000000"})
    public int events;

    @Param({"end", "crash", "none"})
    public String checkpoint;

    private Path home;
    private ChainStore store;
    private Path checkpointFile;
    private byte[] restored;

    @Setup(Level.Trial)
    public void write() throws IOException {
        home = TempHome.create();
        store = ChainStore.builder().home(home).fsync(FsyncPolicy.NEVER).build();
        byte[] payload = new byte[100];
        new Random(5).nextBytes(payload);
        append(events - CRASH_TAIL, payload);
        checkpointFile = store.fileOf("long-lived").resolveSibling(store.fileOf("long-lived").getFileName() + ".ckpt");
        byte[] behind = readIfThere(checkpointFile); // the checkpoint the close left after events - 9,999
        append(CRASH_TAIL, payload);
        restored = switch (checkpoint) {
            case "end" -> readIfThere(checkpointFile);
            case "crash" -> behind;
            case "none" -> null;
            default -> throw new IllegalArgumentException("checkpoint must be end, crash or none: " + checkpoint);
        };
    }

    /** The file's bytes; null when it is missing (code without checkpoints: every case verifies the whole file). */
    private static byte[] readIfThere(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    private void append(int n, byte[] payload) {
        try (ActorChain chain = store.open("long-lived")) {
            for (int i = 0; i < n; i++) {
                chain.append("theater:simple/message-server-host/send", payload);
            }
        }
    }

    @Setup(Level.Invocation)
    public void restoreCheckpoint() throws IOException {
        if (restored == null) {
            Files.deleteIfExists(checkpointFile);
        } else {
            Files.write(checkpointFile, restored);
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        store.close();
        TempHome.delete(home);
    }

    @Benchmark
    public long reopen() {
        try (ActorChain chain = store.open("long-lived")) {
            if (chain.size() != events) {
                throw new IllegalStateException("reopened " + chain.size() + " events, expected " + events);
            }
            return chain.size();
        }
    }
}
