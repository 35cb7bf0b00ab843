package dev.theater.bench.chain;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Persisted events per second: append a batch of 1,000 events of 100 bytes, then {@code flush()} until the
 * writer has written (and forced, per policy) all of them. The score is events/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ChainPersistBenchmark {
    static final int BATCH = 1_000;

    @Param({"ALWAYS", "GROUP_COMMIT", "NEVER"})
    public FsyncPolicy fsync;

    private Path home;
    private ChainStore store;
    private ActorChain chain;
    private final byte[] payload = new byte[100];

    @Setup(Level.Iteration)
    public void open() {
        new Random(2).nextBytes(payload);
        home = TempHome.create();
        store = ChainStore.builder().home(home).fsync(fsync).build();
        chain = store.open("bench-actor");
    }

    @TearDown(Level.Iteration)
    public void close() {
        store.close();
        TempHome.delete(home);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long appendAndPersist() {
        for (int i = 0; i < BATCH; i++) {
            chain.append("wasm", payload);
        }
        chain.flush();
        return chain.persistedCount();
    }
}
