package dev.theater.bench.chain;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import java.nio.file.Path;
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
 * What starting a new actor pays for its chain: each op opens the chain of a <b>new</b> actor id (a new file)
 * and closes it <b>in the same op</b>, so nothing accumulates (no open files, no writer threads, no buffers)
 * and the close is part of the score. {@code openClose} appends nothing; {@code openAppendClose} appends one
 * 100-byte event before closing, so it includes the first commit (with {@code ALWAYS}/{@code GROUP_COMMIT}:
 * the data fsync and the deferred fsync of the new file's directory entry). Files go to a fresh folder per
 * iteration, on the real disk ({@code where=disk}: {@code java.io.tmpdir}) or in memory
 * ({@code where=shm}: {@code /dev/shm}); the folder is deleted in the iteration teardown (not measured).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ChainOpenBenchmark {
    @Param({"ALWAYS", "GROUP_COMMIT", "NEVER"})
    public FsyncPolicy fsync;

    @Param({"disk", "shm"})
    public String where;

    private Path home;
    private ChainStore store;
    private long next;
    private final byte[] payload = new byte[100];

    @Setup(Level.Iteration)
    public void open() {
        home = where.equals("shm") ? TempHome.createInMemory() : TempHome.create();
        store = ChainStore.builder().home(home).fsync(fsync).build();
    }

    @TearDown(Level.Iteration)
    public void close() {
        store.close();
        TempHome.delete(home);
    }

    @Benchmark
    public long openClose() {
        try (ActorChain chain = store.open("actor-" + next++)) {
            return chain.size();
        }
    }

    @Benchmark
    public long openAppendClose() {
        try (ActorChain chain = store.open("actor-" + next++)) {
            chain.append("wasm", payload);
            return chain.size();
        }
    }
}
