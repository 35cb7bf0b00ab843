package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActorChainTest {
    @TempDir
    Path home;

    ChainStore store(FsyncPolicy policy) {
        return ChainStore.builder().home(home).fsync(policy).clock(new TestClock(1_000)).build();
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void appendedEventsAreLinkedPersistedAndReadBack(FsyncPolicy policy) {
        List<ChainEvent> appended = new ArrayList<>();
        try (ChainStore store = store(policy); ActorChain chain = store.open("counter-1")) {
            appended.add(chain.append("lifecycle/start", json("{}")));
            appended.add(chain.append("wasm", json("{\"n\":1}"), "init"));
            appended.add(chain.append("theater:simple/message-server-host/send", json("{\"to\":\"b\"}")));
            assertThat(chain.size()).isEqualTo(3);
            assertThat(chain.head()).contains(appended.get(2).hash());
            assertThat(chain.events()).containsExactlyElementsOf(appended);
            assertThat(chain.persistedCount()).isEqualTo(3);
            assertThat(chain.backlog()).isZero();
        }
        assertThat(appended.get(0).parentHash()).isEmpty();
        assertThat(appended.get(1).parentHash()).contains(appended.get(0).hash());
        assertThat(appended.get(2).parentHash()).contains(appended.get(1).hash());
        assertThat(appended).allMatch(ChainEvent::hashIsValid);
        assertThat(appended.get(1).description()).contains("init");
        assertThat(appended.get(1).timestamp()).isEqualTo(1_001);
        assertThat(ChainStore.readFile(home.resolve("chains/counter-1.chain"))).containsExactlyElementsOf(appended);
    }

    @Test
    void reopeningContinuesTheChain() {
        ChainEvent last;
        try (ChainStore store = store(FsyncPolicy.NEVER)) {
            try (ActorChain chain = store.open("a")) {
                chain.append("one", json("1"));
                last = chain.append("two", json("2"));
            }
            try (ActorChain chain = store.open("a")) {
                assertThat(chain.size()).isEqualTo(2);
                assertThat(chain.head()).contains(last.hash());
                assertThat(chain.recovery()).isEmpty();
                ChainEvent third = chain.append("three", json("3"));
                assertThat(third.parentHash()).contains(last.hash());
                assertThat(chain.events()).extracting(ChainEvent::eventType).containsExactly("one", "two", "three");
                assertThat(chain.verify().describe()).isEqualTo(chain.file() + ": 3 events verified");
            }
            assertThat(store.actorIds()).containsExactly("a");
        }
    }

    @Test
    void filtersByTypeAndTime() {
        try (ChainStore store = store(FsyncPolicy.NEVER); ActorChain chain = store.open("f")) {
            for (int i = 0; i < 10; i++) {
                chain.append(i % 2 == 0 ? "wasm" : "theater:simple/runtime/log", json("" + i));
            }
            assertThat(chain.events(EventFilter.all().type("wasm"))).extracting(ChainEvent::dataAsString)
                    .containsExactly("0", "2", "4", "6", "8");
            assertThat(chain.events(EventFilter.all().typeStartingWith("theater:simple/")))
                    .extracting(ChainEvent::dataAsString).containsExactly("1", "3", "5", "7", "9");
            assertThat(chain.events(EventFilter.all().between(Instant.ofEpochMilli(1_003), Instant.ofEpochMilli(1_006))))
                    .extracting(ChainEvent::dataAsString).containsExactly("3", "4", "5");
            assertThat(chain.events(EventFilter.all().type("wasm").since(Instant.ofEpochMilli(1_005))))
                    .extracting(ChainEvent::dataAsString).containsExactly("6", "8");
        }
    }

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        int threads = 4;
        int each = 2_000;
        try (ChainStore store = store(FsyncPolicy.GROUP_COMMIT); ActorChain chain = store.open("busy")) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < each; i++) {
                        chain.append("t" + id, json("" + i));
                    }
                }));
            }
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            assertThat(chain.size()).isEqualTo(threads * each);
            VerificationReport report = chain.verify();
            assertThat(report.valid()).isTrue();
            assertThat(report.validCount()).isEqualTo(threads * each);
            for (int t = 0; t < threads; t++) {
                assertThat(chain.events(EventFilter.all().type("t" + t))).extracting(ChainEvent::dataAsString)
                        .isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                        .hasSize(each);
            }
        }
    }

    @Test
    void openingTwiceIsRefused() {
        try (ChainStore store = store(FsyncPolicy.NEVER); ActorChain chain = store.open("x")) {
            assertThat(chain.actorId()).isEqualTo("x");
            assertThatThrownBy(() -> store.open("x")).isInstanceOf(ChainException.class)
                    .hasMessage("actor 'x': chain " + home.resolve("chains/x.chain") + " is already open");
            try (ChainStore other = store(FsyncPolicy.NEVER)) {
                assertThatThrownBy(() -> other.open("x")).isInstanceOf(ChainException.class)
                        .hasMessage("actor 'x': chain " + home.resolve("chains/x.chain")
                                + " is already open in another store or process");
            }
        }
    }

    @Test
    void appendingToAClosedChainFails() {
        try (ChainStore store = store(FsyncPolicy.NEVER)) {
            ActorChain chain = store.open("closed");
            chain.close();
            assertThatThrownBy(() -> chain.append("wasm", json("{}"))).isInstanceOf(ChainException.class)
                    .hasMessage("actor 'closed': chain " + chain.file() + " is closed");
        }
    }

    @Test
    void actorIdsThatAreNotFileNamesAreEncoded() {
        try (ChainStore store = store(FsyncPolicy.NEVER)) {
            try (ActorChain chain = store.open("../evil/ïd")) {
                chain.append("wasm", json("{}"));
                assertThat(chain.file().getFileName().toString()).isEqualTo("%2E.%2Fevil%2F%C3%AFd.chain");
                assertThat(chain.file().getParent()).isEqualTo(home.resolve("chains"));
            }
            assertThat(store.actorIds()).containsExactly("../evil/ïd");
        }
    }

    @Test
    void homeDefaultsToTheaterHomeThenUserHome() {
        assertThat(ChainStoreBuilder.defaultHome(Optional.of("/srv/theater"), "/home/u")).isEqualTo(Path.of("/srv/theater"));
        assertThat(ChainStoreBuilder.defaultHome(Optional.of(" "), "/home/u")).isEqualTo(Path.of("/home/u/.theater"));
        assertThat(ChainStoreBuilder.defaultHome(Optional.empty(), "/home/u")).isEqualTo(Path.of("/home/u/.theater"));
    }

    @Test
    void anEmptyChainHasNoHead() throws Exception {
        try (ChainStore store = store(FsyncPolicy.ALWAYS); ActorChain chain = store.open("empty")) {
            assertThat(chain.head()).isEmpty();
            assertThat(chain.events()).isEmpty();
            assertThat(Files.size(chain.file())).isEqualTo(8);
        }
    }
}
