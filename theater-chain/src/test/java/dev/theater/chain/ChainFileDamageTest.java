package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to a persisted chain file: every flipped byte is detected, a torn tail is cut off on open. */
class ChainFileDamageTest {
    @TempDir
    Path home;
    Path file;
    byte[] pristine;
    List<ChainEvent> events;
    long[] recordStarts;

    @BeforeEach
    void writeSmallChain() throws IOException {
        try (ChainStore store = ChainStore.builder().home(home).clock(new TestClock(5_000)).build();
             ActorChain chain = store.open("victim")) {
            chain.append("lifecycle/start", bytes("{}"));
            chain.append("wasm", bytes("{\"n\":1}"), "init");
            chain.append("theater:simple/message-server-host/send", bytes("{\"to\":\"b\",\"msg\":\"hi\"}"));
            chain.append("lifecycle/stop", new byte[0]);
            file = chain.file();
            events = chain.events();
        }
        pristine = Files.readAllBytes(file);
        recordStarts = new long[events.size() + 1];
        long at = 8;
        for (int i = 0; i < events.size(); i++) {
            recordStarts[i] = at;
            at += 12 + 4 + ((pristine[(int) at] & 0xff) << 24 | (pristine[(int) at + 1] & 0xff) << 16
                    | (pristine[(int) at + 2] & 0xff) << 8 | (pristine[(int) at + 3] & 0xff)) - 4;
        }
        recordStarts[events.size()] = at;
        assertThat(at).isEqualTo(pristine.length);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        assertThat(ChainStore.verifyFile(file).valid()).isTrue();
        for (int i = 0; i < pristine.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] damaged = pristine.clone();
                damaged[i] ^= (byte) mask;
                Files.write(file, damaged);
                VerificationReport report = ChainStore.verifyFile(file);
                assertThat(report.valid()).as("byte %d flipped with %02x", i, mask).isFalse();
                ChainFailure f = report.failure().orElseThrow();
                int record = recordOf(i);
                assertThat(f.index()).as("byte %d: %s", i, f.describe()).isEqualTo(record < 0 ? 0 : record);
                assertThat(report.validCount()).isEqualTo(f.index());
            }
        }
    }

    private int recordOf(int offset) {
        for (int r = 0; r < events.size(); r++) {
            if (offset >= recordStarts[r] && offset < recordStarts[r + 1]) {
                return r;
            }
        }
        return -1; // the header
    }

    /** No flip is what a crash leaves: opening refuses each one (the last record included) and changes nothing. */
    @Test
    void everyFlippedByteMakesOpenRefuseTheFileAndLeaveItUnchanged() throws IOException {
        for (int i = 0; i < pristine.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] damaged = pristine.clone();
                damaged[i] ^= (byte) mask;
                Files.write(file, damaged);
                int record = Math.max(recordOf(i), 0);
                try (ChainStore store = ChainStore.builder().home(home).build()) {
                    assertThatThrownBy(() -> store.open("victim")).as("byte %d flipped with %02x", i, mask)
                            .isInstanceOfSatisfying(ChainIntegrityException.class,
                                    e -> assertThat(e.failure().index()).isEqualTo(record))
                            .hasMessageStartingWith("actor 'victim': chain file " + file + " is damaged: event "
                                    + record + " at offset " + (record == 0 && i < 8 ? 0 : recordStarts[record]) + ": ")
                            .hasMessageEndingWith("; it was left unchanged");
                }
                assertThat(Files.readAllBytes(file)).as("byte %d flipped with %02x", i, mask).isEqualTo(damaged);
            }
        }
    }

    @Test
    void aCompleteLastRecordWithABadChecksumIsRefusedNotCut() throws IOException {
        long last = recordStarts[events.size() - 1];
        byte[] damaged = pristine.clone();
        damaged[pristine.length - 1] ^= 1; // the last byte of the last event's encoding
        Files.write(file, damaged);
        try (ChainStore store = ChainStore.builder().home(home).build()) {
            assertThatThrownBy(() -> store.open("victim")).isInstanceOf(ChainIntegrityException.class)
                    .hasMessageMatching("\\Qactor 'victim': chain file " + file + " is damaged: event 3 at offset "
                            + last + ": UNREADABLE_RECORD: the record body checksum does not match (stored \\E"
                            + "[0-9a-f]{8}, computed [0-9a-f]{8}\\); it was left unchanged");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }

    @Test
    void aFlippedBodyByteIsReportedWithIndexOffsetAndReason() throws IOException {
        byte[] damaged = pristine.clone();
        damaged[(int) recordStarts[1] + 12 + 40] ^= 1;
        Files.write(file, damaged);
        VerificationReport report = ChainStore.verifyFile(file);
        assertThat(report.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNREADABLE_RECORD);
        assertThat(report.describe()).matches(
                "\\Q" + file + ": 1 events verified, then event 1 at offset " + recordStarts[1]
                        + ": UNREADABLE_RECORD: the record body checksum does not match (stored \\E[0-9a-f]{8}, computed [0-9a-f]{8}\\)");
    }

    @Test
    void damageBeforeTheTailMakesOpenFailAndLeavesTheFileAlone() throws IOException {
        byte[] damaged = pristine.clone();
        damaged[(int) recordStarts[1] + 1] ^= 0x10; // the length of event 1
        Files.write(file, damaged);
        try (ChainStore store = ChainStore.builder().home(home).build()) {
            assertThatThrownBy(() -> store.open("victim")).isInstanceOf(ChainIntegrityException.class)
                    .hasMessage("actor 'victim': chain file " + file + " is damaged: event 1 at offset "
                            + recordStarts[1] + ": UNREADABLE_RECORD: the record length checksum does not match"
                            + " (length field " + (((damaged[(int) recordStarts[1] + 1] & 0xff) << 16)
                            + (pristine[(int) recordStarts[1] + 2] & 0xff) * 256 + (pristine[(int) recordStarts[1] + 3] & 0xff))
                            + "); it was left unchanged");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }

    @Test
    void aRewrittenEventBreaksTheNextLink() {
        // a forger rewrites event 1 consistently (new hash) but cannot fix event 2's parent link
        ChainEvent forged = ChainEvent.create(events.get(1).parentHash(), "wasm", bytes("{\"n\":999}"),
                events.get(1).timestamp(), events.get(1).description());
        List<ChainEvent> tampered = List.of(events.get(0), forged, events.get(2), events.get(3));
        VerificationReport report = ChainVerifier.verify("memory", tampered);
        assertThat(report.describe()).isEqualTo("memory: 2 events verified, then event 2 (hash "
                + events.get(2).hash().hex() + "): BROKEN_PARENT_LINK: expected parent " + forged.hash().hex()
                + " but the event names parent " + events.get(1).hash().hex());
    }

    @Test
    void aChangedFieldIsAHashMismatch() {
        ChainEvent e = events.get(1);
        ChainEvent changed = new ChainEvent(e.hash(), e.parentHash(), e.eventType(), bytes("{\"n\":2}"), e.timestamp(),
                e.description());
        VerificationReport report = ChainVerifier.verify("memory", List.of(events.get(0), changed));
        assertThat(report.failure().orElseThrow().reason()).isEqualTo(FailureReason.HASH_MISMATCH);
        assertThat(report.failure().orElseThrow().index()).isEqualTo(1);
        assertThat(report.failure().orElseThrow().hash()).contains(e.hash());
    }

    @Test
    void aCrashAtAnyByteReopensToTheLastCompleteEvent() throws IOException {
        for (int cut = 0; cut < pristine.length; cut++) {
            Files.write(file, Arrays.copyOf(pristine, cut));
            int complete = 0;
            while (complete < events.size() && recordStarts[complete + 1] <= cut) {
                complete++;
            }
            boolean torn = cut < 8 || (cut != recordStarts[complete]);
            long kept = cut < 8 ? 0 : recordStarts[complete];
            List<ChainEvent> reopened;
            try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("victim")) {
                assertThat(chain.recovery().isPresent()).as("cut at %d", cut).isEqualTo(torn);
                assertThat(chain.size()).as("cut at %d", cut).isEqualTo(complete + (torn ? 1 : 0));
                chain.recovery().ifPresent(f -> assertThat(f.reason()).isEqualTo(FailureReason.TORN_TAIL));
                reopened = chain.events();
                assertThat(reopened.subList(0, complete)).containsExactlyElementsOf(events.subList(0, complete));
                if (torn) {
                    ChainFailure f = chain.recovery().orElseThrow();
                    assertThat(new String(reopened.getLast().data(), StandardCharsets.UTF_8)).as("cut at %d", cut)
                            .isEqualTo(cutEventData(f.offset(), cut - kept, f.detail()));
                }
            }
            assertThat(ChainStore.readFile(file)).as("cut at %d", cut).containsExactlyElementsOf(reopened);
        }
    }

    /** The data of the {@code chain/torn-tail-cut} event for a cut of {@code bytes} at {@code offset}. */
    static String cutEventData(long offset, long bytes, String detail) {
        return "{\"offset\":" + offset + ",\"bytes_cut\":" + bytes + ",\"reason\":\"TORN_TAIL\",\"detail\":\""
                + detail + "\"}";
    }

    @Test
    void aCutTornTailIsRecordedInTheChainAsTheFirstEventAfterTheRecoveredOnes() throws IOException {
        long lastStart = recordStarts[events.size() - 1];
        Files.write(file, Arrays.copyOf(pristine, (int) lastStart + 20));
        ChainEvent cutEvent;
        try (ChainStore store = ChainStore.builder().home(home).clock(new TestClock(9_000)).build();
             ActorChain chain = store.open("victim")) {
            assertThat(chain.recovery().orElseThrow().describe()).isEqualTo("event 3 at offset " + lastStart
                    + ": TORN_TAIL: the record needs " + (pristine.length - lastStart) + " bytes but the file ends after 20");
            assertThat(chain.size()).isEqualTo(4);
            cutEvent = chain.events().get(3);
            assertThat(cutEvent.eventType()).isEqualTo("chain/torn-tail-cut");
            assertThat(new String(cutEvent.data(), StandardCharsets.UTF_8)).isEqualTo("{\"offset\":" + lastStart
                    + ",\"bytes_cut\":20,\"reason\":\"TORN_TAIL\",\"detail\":\"the record needs "
                    + (pristine.length - lastStart) + " bytes but the file ends after 20\"}");
            assertThat(cutEvent.description()).contains("cut 20 bytes at offset " + lastStart + " when the chain was opened");
            assertThat(cutEvent.parentHash()).contains(events.get(2).hash());
            assertThat(cutEvent.timestamp()).isEqualTo(9_000);
        }
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("victim")) {
            assertThat(chain.recovery()).isEmpty(); // recorded once: the next open finds nothing to cut
            assertThat(chain.events()).containsExactly(events.get(0), events.get(1), events.get(2), cutEvent);
        }
    }

    @Test
    void aTornTailReportSaysWhereTheFileEnds() throws IOException {
        long lastStart = recordStarts[events.size() - 1];
        Files.write(file, Arrays.copyOf(pristine, (int) lastStart + 20));
        assertThat(ChainStore.verifyFile(file).describe()).isEqualTo(file + ": 3 events verified, then event 3 at offset "
                + lastStart + ": TORN_TAIL: the record needs " + (pristine.length - lastStart)
                + " bytes but the file ends after 20");
        Files.write(file, Arrays.copyOf(pristine, (int) lastStart + 5));
        assertThat(ChainStore.verifyFile(file).describe()).isEqualTo(file + ": 3 events verified, then event 3 at offset "
                + lastStart + ": TORN_TAIL: the file ends inside the record header, 5 bytes after its start");
    }

    @Test
    void aZeroFilledTailIsCutOffAndTheChainContinues() throws IOException {
        byte[] withZeros = Arrays.copyOf(pristine, pristine.length + 4096);
        Files.write(file, withZeros);
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("victim")) {
            assertThat(chain.recovery().orElseThrow().describe()).isEqualTo("event 4 at offset " + pristine.length
                    + ": TORN_TAIL: the file ends in 4096 zero bytes where this record starts (a zero-filled tail)");
            assertThat(chain.size()).isEqualTo(5); // the four events and the record of the cut
            assertThat(new String(chain.events().get(4).data(), StandardCharsets.UTF_8)).isEqualTo(cutEventData(
                    pristine.length, 4096, "the file ends in 4096 zero bytes where this record starts (a zero-filled tail)"));
            chain.append("after", bytes("{}"));
            assertThat(chain.verify().validCount()).isEqualTo(6);
        }
    }

    @Test
    void aRecordFollowedByZerosIsDamageWhenItIsNotZeroItself() throws IOException {
        long last = recordStarts[events.size() - 1];
        byte[] damaged = Arrays.copyOf(pristine, pristine.length + 4096);
        damaged[(int) last + 20] ^= 1; // inside the last record's body: damage, whatever follows it
        Files.write(file, damaged);
        try (ChainStore store = ChainStore.builder().home(home).build()) {
            assertThatThrownBy(() -> store.open("victim")).isInstanceOf(ChainIntegrityException.class)
                    .hasMessageStartingWith("actor 'victim': chain file " + file + " is damaged: event 3 at offset "
                            + last + ": UNREADABLE_RECORD: the record body checksum does not match");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(damaged);
    }

    @Test
    void aTornHeaderStartsAFreshChain() throws IOException {
        Files.write(file, Arrays.copyOf(pristine, 5));
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("victim")) {
            assertThat(chain.recovery().orElseThrow().describe())
                    .isEqualTo("event 0 at offset 0: TORN_TAIL: the file ends inside the header after 5 bytes");
            assertThat(chain.size()).isEqualTo(1);
            assertThat(new String(chain.events().getFirst().data(), StandardCharsets.UTF_8))
                    .isEqualTo(cutEventData(0, 5, "the file ends inside the header after 5 bytes"));
            chain.append("wasm", bytes("{}"));
        }
        assertThat(ChainStore.verifyFile(file).validCount()).isEqualTo(2);
    }

    @Test
    void aForeignFileIsNotAChain() throws IOException {
        Files.writeString(file, "hello, world");
        assertThat(ChainStore.verifyFile(file).describe())
                .isEqualTo(file + ": 0 events verified, then event 0 at offset 0: BAD_HEADER: the header is not THCHAIN version 1");
    }
}
