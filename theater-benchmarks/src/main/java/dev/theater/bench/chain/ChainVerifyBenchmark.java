package dev.theater.bench.chain;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FsyncPolicy;
import dev.theater.chain.VerificationReport;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Verified events per second when reading a chain file back: {@code verifyFile} checks every record's two
 * CRC32Cs, decodes it, checks the parent link and recomputes SHA-256; {@code readFile} also collects the
 * events. The file (100,000 events of 100 bytes, written once) is in the page cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ChainVerifyBenchmark {
    static final int EVENTS = 100_000;

    private Path home;
    private Path file;

    @Setup(Level.Trial)
    public void write() {
        home = TempHome.create();
        byte[] payload = new byte[100];
        new Random(3).nextBytes(payload);
        try (ChainStore store = ChainStore.builder().home(home).fsync(FsyncPolicy.NEVER).build();
             ActorChain chain = store.open("bench-actor")) {
            for (int i = 0; i < EVENTS; i++) {
                chain.append("theater:simple/message-server-host/send", payload);
            }
            file = chain.file();
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        TempHome.delete(home);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public VerificationReport verifyFile() {
        VerificationReport r = ChainStore.verifyFile(file);
        if (r.validCount() != EVENTS) {
            throw new IllegalStateException(r.describe());
        }
        return r;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int readFile() {
        return ChainStore.readFile(file).size();
    }
}
