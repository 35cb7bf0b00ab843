package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.json.ChainJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChainStore#importChain} and the streaming {@link ChainStore#readFile(Path, java.util.function.Consumer)}. */
class ChainImportTest {
    @TempDir
    Path dir;

    private ChainStore store(String name) {
        return ChainStore.builder().home(dir.resolve(name)).clock(new TestClock(1_700_000_000_000L)).build();
    }

    /** Three events written by a real chain in home "a", as its export has them. */
    private List<ChainEvent> written() {
        try (ChainStore a = store("a"); ActorChain c = a.open("counter")) {
            for (int i = 0; i < 3; i++) {
                c.append("wasm", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), "call " + i);
            }
            c.flush();
            return ChainJson.importVerified(ChainJson.export(c.events()));
        }
    }

    @Test
    void writesTheEventsAsTheyAreAndLaterOpensAppendToThem() {
        List<ChainEvent> events = written();
        try (ChainStore b = store("b")) {
            VerificationReport r = b.importChain("copy", events, false);
            assertThat(r.describe()).isEqualTo(b.fileOf("copy") + ": 3 events verified");
            assertThat(r.head()).contains(events.getLast().hash());
            assertThat(ChainStore.readFile(b.fileOf("copy"))).isEqualTo(events);
            try (ActorChain c = b.open("copy")) {
                ChainEvent next = c.append("wasm", "{}".getBytes(StandardCharsets.UTF_8));
                assertThat(next.parentHash()).contains(events.getLast().hash());
                assertThat(c.verify().validCount()).isEqualTo(4);
            }
        }
        assertThat(dir.resolve("b/chains").toFile().list()).containsExactly("copy.chain");
    }

    @Test
    void refusesToOverwriteAChainUnlessToldToAndNeverAnOpenOne() {
        List<ChainEvent> events = written();
        try (ChainStore b = store("b")) {
            b.importChain("copy", events.subList(0, 2), false);
            assertThatThrownBy(() -> b.importChain("copy", events, false)).isInstanceOf(ChainException.class)
                    .hasMessage("actor 'copy': a chain is already at " + b.fileOf("copy") + "; nothing was imported");
            assertThat(ChainStore.readFile(b.fileOf("copy"))).hasSize(2);

            assertThat(b.importChain("copy", events, true).validCount()).isEqualTo(3);
            assertThat(ChainStore.readFile(b.fileOf("copy"))).isEqualTo(events);

            try (ActorChain open = b.open("copy")) {
                assertThatThrownBy(() -> b.importChain("copy", events, true)).isInstanceOf(ChainException.class)
                        .hasMessage("actor 'copy': chain " + b.fileOf("copy")
                                + " is open; close it before importing over it");
            }
            try (ChainStore other = store("b"); ActorChain open = other.open("copy")) {
                assertThatThrownBy(() -> b.importChain("copy", events, true)).isInstanceOf(ChainException.class)
                        .hasMessage("actor 'copy': chain " + b.fileOf("copy")
                                + " is already open in another store or process");
            }
        }
    }

    @Test
    void refusesEventsThatDoNotVerifyAndWritesNothing() {
        List<ChainEvent> events = new ArrayList<>(written());
        events.remove(1);
        try (ChainStore b = store("b")) {
            assertThatThrownBy(() -> b.importChain("copy", events, false)).isInstanceOf(ChainIntegrityException.class)
                    .hasMessage("actor 'copy': the events to import as copy: 1 events verified, then event 1 (hash "
                            + events.get(1).hash().hex() + "): BROKEN_PARENT_LINK: expected parent "
                            + events.get(0).hash().hex() + " but the event names parent "
                            + events.get(1).parentHash().orElseThrow().hex() + "; nothing was imported");
            assertThat(Files.exists(b.fileOf("copy"))).isFalse();
        }
    }

    @Test
    void streamsAFileAndReportsTheFirstBadEventWithoutThrowing() throws Exception {
        List<ChainEvent> events = written();
        Path file = dir.resolve("a/chains/counter.chain");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1; // the last event's description
        Path bad = dir.resolve("bad.chain");
        Files.write(bad, bytes);

        List<ChainEvent> seen = new ArrayList<>();
        VerificationReport r = ChainStore.readFile(bad, seen::add);
        assertThat(seen).isEqualTo(events.subList(0, 2));
        assertThat(r.validCount()).isEqualTo(2);
        assertThat(r.failure().orElseThrow().index()).isEqualTo(2);
        assertThat(r.failure().orElseThrow().reason()).isEqualTo(FailureReason.UNREADABLE_RECORD);
    }
}
