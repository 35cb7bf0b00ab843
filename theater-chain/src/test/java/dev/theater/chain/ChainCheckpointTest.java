package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.file.Checkpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified checkpoint beside a chain file: opening verifies only its last record and what follows, never
 * trusts a damaged, stale or foreign one, and {@code verify()} still finds damage before it.
 */
class ChainCheckpointTest {
    @TempDir
    Path home;

    /** A store that checkpoints every {@code events} events. */
    ChainStore store(long events) {
        return ChainStore.builder().home(home).clock(new TestClock(1_000)).checkpointEvery(events, Long.MAX_VALUE).build();
    }

    /**
     * Writes {@code first} events, flushes, then {@code more}, flushes, and leaves the files as a crash at that
     * moment would (a clean close also checkpoints the end): with an interval of {@code first}, the checkpoint
     * names event {@code first - 1}.
     */
    List<ChainEvent> write(String actor, int first, int more) throws IOException {
        List<ChainEvent> events = new ArrayList<>();
        byte[] file;
        byte[] checkpoint;
        try (ChainStore store = store(first); ActorChain chain = store.open(actor)) {
            for (int i = 0; i < first + more; i++) {
                events.add(chain.append("wasm", ("{\"actor\":\"" + actor + "\",\"n\":" + i + "}")
                        .getBytes(StandardCharsets.UTF_8)));
                if (i == first - 1 || i == first + more - 1) {
                    chain.flush(); // a checkpoint that is due is written before flush() returns
                }
            }
            file = Files.readAllBytes(chainFile(actor));
            checkpoint = Files.readAllBytes(checkpointFile(actor));
        }
        Files.write(chainFile(actor), file);
        Files.write(checkpointFile(actor), checkpoint);
        return events;
    }

    Path chainFile(String actor) {
        return home.resolve("chains/" + actor + ".chain");
    }

    Path checkpointFile(String actor) {
        return home.resolve("chains/" + actor + ".chain.ckpt");
    }

    /** The offset of every record, and the file size last. */
    static long[] recordStarts(byte[] file) {
        List<Long> starts = new ArrayList<>();
        for (long at = 8; at < file.length; at += 12 + ByteBuffer.wrap(file, (int) at, 4).getInt()) {
            starts.add(at);
        }
        starts.add((long) file.length);
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    void flip(String actor, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(chainFile(actor));
        bytes[(int) offset] ^= 0x01;
        Files.write(chainFile(actor), bytes);
    }

    @Test
    void theWriterRecordsTheVerifiedPrefixEveryIntervalAndOpeningStartsThere() throws IOException {
        List<ChainEvent> events = write("a", 20, 5);
        long[] starts = recordStarts(Files.readAllBytes(chainFile("a")));
        assertThat(Checkpoint.read(checkpointFile("a"))).contains(new Checkpoint(starts[20], 20, starts[19],
                events.get(19).hash(), Optional.of(events.get(18).hash())));
        flip("a", starts[5] + 20); // before the checkpoint's last record: not read by an O(tail) open
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            assertThat(chain.size()).isEqualTo(25);
            assertThat(chain.head()).contains(events.getLast().hash());
            assertThat(chain.recovery()).isEmpty();
            assertThat(chain.verify().describe()).startsWith(chainFile("a") + ": 5 events verified, then event 5 at offset "
                    + starts[5] + ": UNREADABLE_RECORD: the record body checksum does not match");
        }
        assertThat(ChainStore.verifyFile(chainFile("a")).failure().map(ChainFailure::index)).contains(5L);
    }

    @Test
    void aCleanCloseCheckpointsTheEndOfALargeChain() throws IOException {
        List<ChainEvent> events = new ArrayList<>();
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            for (int i = 0; i < 25; i++) {
                events.add(chain.append("wasm", new byte[] {(byte) i}));
            }
        }
        long[] starts = recordStarts(Files.readAllBytes(chainFile("a")));
        assertThat(Checkpoint.read(checkpointFile("a"))).contains(new Checkpoint(starts[25], 25, starts[24],
                events.get(24).hash(), Optional.of(events.get(23).hash())));
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            events.add(chain.append("wasm", new byte[] {25})); // one more: the close moves the checkpoint again
        }
        assertThat(Checkpoint.read(checkpointFile("a")).map(Checkpoint::count)).contains(26L);
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            assertThat(chain.head()).contains(events.getLast().hash());
        }
    }

    @Test
    void damageInTheCheckpointsLastRecordOrAfterItIsRefused() throws IOException {
        List<ChainEvent> events = write("a", 20, 5);
        byte[] pristine = Files.readAllBytes(chainFile("a"));
        long[] starts = recordStarts(pristine);
        for (int record : new int[] {19, 20, 24}) {
            Files.write(chainFile("a"), pristine);
            flip("a", starts[record] + 20);
            byte[] damaged = Files.readAllBytes(chainFile("a"));
            try (ChainStore store = store(20)) {
                assertThatThrownBy(() -> store.open("a")).as("record %d", record)
                        .isInstanceOf(ChainIntegrityException.class)
                        .hasMessageMatching("\\Qactor 'a': chain file " + chainFile("a") + " is damaged: event " + record
                                + " at offset " + starts[record] + ": UNREADABLE_RECORD: the record body checksum does not"
                                + " match (stored \\E[0-9a-f]{8}, computed [0-9a-f]{8}\\); it was left unchanged");
            }
            assertThat(Files.readAllBytes(chainFile("a"))).isEqualTo(damaged);
        }
        assertThat(events).hasSize(25);
    }

    @Test
    void aTornTailAfterTheCheckpointIsCutAndRecorded() throws IOException {
        List<ChainEvent> events = write("a", 20, 5);
        byte[] pristine = Files.readAllBytes(chainFile("a"));
        long[] starts = recordStarts(pristine);
        Files.write(chainFile("a"), Arrays.copyOf(pristine, (int) starts[24] + 30));
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            assertThat(chain.recovery().orElseThrow().describe()).isEqualTo("event 24 at offset " + starts[24]
                    + ": TORN_TAIL: the record needs " + (starts[25] - starts[24]) + " bytes but the file ends after 30");
            List<ChainEvent> reopened = chain.events();
            assertThat(reopened.subList(0, 24)).containsExactlyElementsOf(events.subList(0, 24));
            assertThat(reopened.get(24).eventType()).isEqualTo(ActorChain.TORN_TAIL_CUT);
            assertThat(reopened).hasSize(25);
        }
    }

    @Test
    void everyFlippedByteOfTheCheckpointFileMakesOpeningVerifyEverything() throws IOException {
        write("a", 20, 5);
        byte[] checkpoint = Files.readAllBytes(checkpointFile("a"));
        long[] starts = recordStarts(Files.readAllBytes(chainFile("a")));
        flip("a", starts[5] + 20); // only a full verification finds this
        for (int i = 0; i < checkpoint.length; i++) {
            byte[] damaged = checkpoint.clone();
            damaged[i] ^= 0x01;
            Files.write(checkpointFile("a"), damaged);
            try (ChainStore store = store(20)) {
                assertThatThrownBy(() -> store.open("a")).as("checkpoint byte %d flipped", i)
                        .isInstanceOfSatisfying(ChainIntegrityException.class,
                                e -> assertThat(e.failure().index()).isEqualTo(5));
            }
        }
        Files.write(checkpointFile("a"), checkpoint);
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) { // the intact one is used again
            assertThat(chain.size()).isEqualTo(25);
        }
    }

    @Test
    void aForeignCheckpointIsNotTrusted() throws IOException {
        write("a", 20, 5);
        write("b", 20, 5); // the same offsets, other hashes
        long[] starts = recordStarts(Files.readAllBytes(chainFile("a")));
        Files.copy(checkpointFile("b"), checkpointFile("a"), StandardCopyOption.REPLACE_EXISTING);
        flip("a", starts[5] + 20); // only a full verification finds this
        try (ChainStore store = store(20)) {
            assertThatThrownBy(() -> store.open("a")).isInstanceOfSatisfying(ChainIntegrityException.class,
                    e -> assertThat(e.failure().index()).isEqualTo(5));
        }
    }

    @Test
    void aWellFormedCheckpointThatNamesAnotherHeadOrParentIsNotTrusted() throws IOException {
        List<ChainEvent> events = write("a", 20, 5);
        Checkpoint good = Checkpoint.read(checkpointFile("a")).orElseThrow();
        for (Checkpoint wrong : List.of(
                new Checkpoint(good.offset(), good.count(), good.anchor(), events.get(18).hash(), good.parent()),
                new Checkpoint(good.offset(), good.count(), good.anchor(), good.head(), Optional.of(events.get(17).hash())),
                new Checkpoint(good.offset() + 1, good.count(), good.anchor(), good.head(), good.parent()),
                new Checkpoint(good.offset(), good.count(), good.anchor() + 1, good.head(), good.parent()))) {
            wrong.write(checkpointFile("a"));
            try (ChainStore store = store(20); ActorChain chain = store.open("a")) { // verified in full: all good
                assertThat(chain.size()).as("%s", wrong).isEqualTo(25);
                assertThat(chain.head()).contains(events.getLast().hash());
            }
        }
    }

    /**
     * The one thing taken on the checkpoint's word (its checksum): how many events precede it, which nothing in
     * the file records. A well-formed checkpoint with a wrong count misnumbers the events after it; it cannot
     * hide or change one, and {@code verify()} counts them all.
     */
    @Test
    void theEventCountIsTakenFromTheCheckpointAndVerifyRecountsIt() throws IOException {
        write("a", 20, 5);
        Checkpoint good = Checkpoint.read(checkpointFile("a")).orElseThrow();
        new Checkpoint(good.offset(), good.count() + 1, good.anchor(), good.head(), good.parent())
                .write(checkpointFile("a"));
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            assertThat(chain.size()).isEqualTo(26);
            assertThat(chain.verify().validCount()).isEqualTo(25);
        }
    }

    @Test
    void aStaleCheckpointIsNotTrusted() throws IOException {
        write("a", 20, 5);
        byte[] pristine = Files.readAllBytes(chainFile("a"));
        long[] starts = recordStarts(pristine);
        // the file ends before the checkpoint (a shorter chain, say restored from a backup): verified in full
        Files.write(chainFile("a"), Arrays.copyOf(pristine, (int) starts[15]));
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            assertThat(chain.size()).isEqualTo(15);
            assertThat(chain.recovery()).isEmpty();
        }
        // ... and grown back past the checkpoint with other events (by a store that writes no checkpoint)
        try (ChainStore store = ChainStore.builder().home(home).checkpointEvery(Long.MAX_VALUE, Long.MAX_VALUE).build();
             ActorChain chain = store.open("a")) {
            for (int i = 0; i < 10; i++) {
                chain.append("other", ("{\"m\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(Checkpoint.read(checkpointFile("a")).map(Checkpoint::count)).contains(20L); // the stale one
        flip("a", starts[3] + 20);
        try (ChainStore store = store(20)) {
            assertThatThrownBy(() -> store.open("a")).isInstanceOfSatisfying(ChainIntegrityException.class,
                    e -> assertThat(e.failure().index()).isEqualTo(3));
        }
    }

    @Test
    void aNewFileDropsTheCheckpointOfAnEarlierFileOfTheSameName() throws IOException {
        write("a", 20, 5);
        assertThat(checkpointFile("a")).exists();
        Files.delete(chainFile("a"));
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            assertThat(chain.size()).isZero();
            assertThat(checkpointFile("a")).doesNotExist();
        }
    }

    @Test
    void openingALargeFileWithoutACheckpointVerifiesItAllAndCheckpointsIt() throws IOException {
        List<ChainEvent> events = write("a", 20, 5);
        Files.delete(checkpointFile("a"));
        long[] starts = recordStarts(Files.readAllBytes(chainFile("a")));
        try (ChainStore store = store(20); ActorChain chain = store.open("a")) {
            assertThat(chain.size()).isEqualTo(25);
        } // the writer checkpoints what opening verified as soon as it starts (25 events ≥ the interval)
        assertThat(Checkpoint.read(checkpointFile("a"))).contains(new Checkpoint(starts[25], 25, starts[24],
                events.get(24).hash(), Optional.of(events.get(23).hash())));
    }

    @Test
    void aSmallChainGetsNoCheckpoint() {
        for (int open = 0; open < 3; open++) { // 255 events of ~150 bytes: under 256 events and 64 KiB
            try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("a")) {
                for (int i = 0; i < 85; i++) {
                    chain.append("wasm", new byte[100]);
                }
            }
        }
        assertThat(checkpointFile("a")).doesNotExist();
    }

    /** A chain reopened often (a restarted actor's) gets a checkpoint at its end once it holds 256 events. */
    @Test
    void aChainUnderTheIntervalGetsACheckpointAtCloseOnceItHolds256Events() {
        for (int open = 0; open < 4; open++) {
            try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("a")) {
                for (int i = 0; i < 85; i++) {
                    chain.append("wasm", new byte[100]);
                }
            }
            assertThat(checkpointFile("a").toFile().exists()).as("after open " + open).isEqualTo(open >= 3);
        }
        assertThat(Checkpoint.read(checkpointFile("a")).orElseThrow().count()).isEqualTo(340);
    }

    /**
     * The O(tail) guarantee, byte by byte, for a checkpoint at the end of the file: a flip in the header or in the
     * last record (the checkpoint's) is refused by open; a flip in any earlier record is not seen by open, and
     * {@code verify()} reports it at its event.
     */
    @Test
    void withACheckpointAtTheEndOpenRefusesFlipsInTheHeaderAndLastRecordAndVerifyFindsTheRest() throws IOException {
        write("a", 5, 0);
        byte[] pristine = Files.readAllBytes(chainFile("a"));
        long[] starts = recordStarts(pristine);
        assertThat(Checkpoint.read(checkpointFile("a")).map(Checkpoint::offset)).contains((long) pristine.length);
        byte[] checkpoint = Files.readAllBytes(checkpointFile("a"));
        for (int i = 0; i < pristine.length; i++) {
            byte[] damaged = pristine.clone();
            damaged[i] ^= (byte) 0x80;
            Files.write(chainFile("a"), damaged);
            Files.write(checkpointFile("a"), checkpoint); // an open that succeeds may rewrite it: keep it the same
            int record = 0;
            while (record < 4 && starts[record + 1] <= i) {
                record++;
            }
            int expected = i < 8 ? 0 : record;
            try (ChainStore store = store(5)) {
                if (i < 8 || record == 4) {
                    assertThatThrownBy(() -> store.open("a")).as("byte %d", i)
                            .isInstanceOfSatisfying(ChainIntegrityException.class,
                                    e -> assertThat(e.failure().index()).isEqualTo(expected));
                    assertThat(Files.readAllBytes(chainFile("a"))).isEqualTo(damaged);
                } else {
                    try (ActorChain chain = store.open("a")) {
                        assertThat(chain.size()).as("byte %d", i).isEqualTo(5);
                        assertThat(chain.verify().failure().map(ChainFailure::index)).as("byte %d", i)
                                .contains((long) expected);
                    }
                }
            }
        }
    }
}
