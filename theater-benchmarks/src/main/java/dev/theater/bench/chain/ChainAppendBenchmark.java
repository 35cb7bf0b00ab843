package dev.theater.bench.chain;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import dev.theater.chain.Hash;
import java.nio.file.Path;
import java.util.Optional;
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
 * What an actor pays per event: {@code append} = encode + SHA-256 + enqueue, on the calling thread. The
 * writer thread persists concurrently (fsync never) on the other core, into a chain file in memory
 * ({@code /dev/shm}) so that disk write-back throttling does not turn the run into a measure of the backlog;
 * each iteration starts a fresh file and its teardown (not measured) waits for the writer and deletes it.
 * {@code encodeAndHash} is the hashing alone (no enqueue, no writer), to show where the time goes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
public class ChainAppendBenchmark {
    @Param({"100", "4096"})
    public int payloadBytes;

    private Path home;
    private ChainStore store;
    private ActorChain chain;
    private byte[] payload;
    private static final Optional<Hash> PARENT = Optional.of(new Hash(new byte[32]));

    @Setup(Level.Iteration)
    public void open() {
        payload = new byte[payloadBytes];
        new Random(1).nextBytes(payload);
        home = TempHome.createInMemory();
        store = ChainStore.builder().home(home).fsync(FsyncPolicy.NEVER).build();
        chain = store.open("bench-actor");
    }

    @TearDown(Level.Iteration)
    public void close() {
        store.close();
        TempHome.delete(home);
    }

    @Benchmark
    public ChainEvent encodeAndHash() {
        return ChainEvent.create(PARENT, "theater:simple/message-server-host/send", payload, 1_700_000_000_000L,
                Optional.empty());
    }

    @Benchmark
    public ChainEvent append() {
        return chain.append("theater:simple/message-server-host/send", payload);
    }
}
