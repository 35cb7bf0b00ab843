package dev.theater.chain.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.EventHashing;
import dev.theater.chain.FsyncPolicy;
import dev.theater.chain.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fsync policies told apart by counting the writer's forces of a real file. */
@Timeout(60) // a policy that never forces would leave the test waiting for its first force
class ChainFileWriterTest {
    @TempDir
    Path dir;
    Path file;
    Optional<Hash> head = Optional.empty();
    int submitted;

    /** Counts forces; when holding, the first force waits for {@link #release}, so that events queue meanwhile. */
    static final class Forces implements Runnable {
        final AtomicInteger count = new AtomicInteger();
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch release;

        Forces(boolean holdTheFirst) {
            release = new CountDownLatch(holdTheFirst ? 1 : 0);
        }

        @Override
        public void run() {
            if (count.incrementAndGet() == 1) {
                first.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @BeforeEach
    void names() {
        file = dir.resolve("t.chain");
    }

    @Test
    void alwaysForcesOncePerEventEvenWithinOneBatch() throws Exception {
        assertThat(forcesForTenEventsInTwoBatches(FsyncPolicy.ALWAYS)).isEqualTo(10);
    }

    @Test
    void groupCommitForcesOncePerBatch() throws Exception {
        assertThat(forcesForTenEventsInTwoBatches(FsyncPolicy.GROUP_COMMIT)).isEqualTo(2);
    }

    @Test
    void neverForcesNotEvenOnClose() throws IOException {
        Forces forces = new Forces(false);
        try (ChainFileWriter writer = writer(FsyncPolicy.NEVER, forces)) {
            submit(writer, 10); // closed at once: close writes them, unforced, and must still not force
        }
        assertThat(verifiedEvents()).isEqualTo(10);
        assertThat(forces.count).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void aWriterThatGotNoEventForcesNothing(FsyncPolicy policy) throws IOException {
        Forces forces = new Forces(false);
        writer(policy, forces).close();
        assertThat(verifiedEvents()).isZero();
        assertThat(forces.count).hasValue(0);
    }

    /**
     * One event goes alone; while its batch's first force is held, nine more queue and make the second batch.
     * Returns how many forces the ten events cost, close included.
     */
    private int forcesForTenEventsInTwoBatches(FsyncPolicy policy) throws Exception {
        Forces forces = new Forces(true);
        try (ChainFileWriter writer = writer(policy, forces)) {
            try {
                submit(writer, 1);
                forces.first.await();
                submit(writer, 9);
            } finally {
                forces.release.countDown();
            }
            writer.awaitPersisted(10);
        }
        assertThat(verifiedEvents()).isEqualTo(10);
        return forces.count.get();
    }

    /** A writer on a new file, as the store starts one. */
    private ChainFileWriter writer(FsyncPolicy policy, Forces forces) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ch.write(ByteBuffer.wrap(ChainFileFormat.HEADER), 0);
        return new ChainFileWriter(file, dir, ch, ChainFileFormat.HEADER.length, 0, policy, 1 << 16,
                ChainFileWriter.OpenSync.FILE_AND_DIRECTORY,
                new CheckpointKeeper(file, Long.MAX_VALUE, Long.MAX_VALUE, Optional.empty(), Optional.empty()),
                "test-writer", forces);
    }

    /** Submits {@code n} linked events, real encodings, so that the file verifies. */
    private void submit(ChainFileWriter writer, int n) {
        for (int i = 0; i < n; i++) {
            byte[] canonical = EventHashing.encode(head, "test", ("event " + submitted++).getBytes(StandardCharsets.UTF_8),
                    1_000, Optional.empty());
            byte[] hash = EventHashing.sha256(canonical, 0, -1);
            writer.submit(hash, canonical);
            head = Optional.of(new Hash(hash));
        }
    }

    private long verifiedEvents() throws IOException {
        ScanResult scan = ChainFileScanner.scan(file, null);
        assertThat(scan.failure()).isEmpty();
        return scan.validCount();
    }
}
