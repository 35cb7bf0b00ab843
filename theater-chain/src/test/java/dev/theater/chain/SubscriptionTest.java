package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionTest {
    @TempDir
    Path home;

    /** Records every callback as a string: the event's data, "missed n" or "closed". */
    static final class Recorder implements ChainListener {
        final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release;

        Recorder(boolean stuck) {
            this.release = new CountDownLatch(stuck ? 1 : 0);
        }

        @Override
        public void onEvent(ChainEvent event) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add(event.dataAsString());
        }

        @Override
        public void onMissed(long count) {
            calls.add("missed " + count);
        }

        @Override
        public void onClosed() {
            calls.add("closed");
        }

        List<String> take(int n) throws InterruptedException {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String call = calls.poll(30, TimeUnit.SECONDS); // a guard against hanging, not a timing assertion
                if (call == null) {
                    throw new AssertionError("callback " + i + " of " + n + " never came; got " + out);
                }
                out.add(call);
            }
            return out;
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLiveSubscriberGetsEveryEventInOrderThenClosed() throws Exception {
        Recorder r = new Recorder(false);
        try (ChainStore store = ChainStore.builder().home(home).build()) {
            ActorChain chain = store.open("live");
            chain.append("before", bytes("not seen"));
            Subscription s = chain.subscribe(r, 100);
            for (int i = 0; i < 50; i++) {
                chain.append("wasm", bytes("" + i));
            }
            chain.close();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add("" + i);
            }
            expected.add("closed");
            assertThat(r.take(51)).isEqualTo(expected);
            assertThat(s.missed()).isZero();
            assertThat(s.delivered()).isEqualTo(50);
            assertThat(s.isClosed()).isTrue();
        }
    }

    @Test
    void eventsAListenerDoesNotAcceptAreNeitherQueuedNorMissed() throws Exception {
        Recorder stuck = new Recorder(true);
        ChainListener logsOnly = new ChainListener() {
            @Override
            public boolean accepts(ChainEvent event) {
                return event.eventType().equals("log");
            }

            @Override
            public void onEvent(ChainEvent event) {
                stuck.onEvent(event);
            }

            @Override
            public void onMissed(long count) {
                stuck.onMissed(count);
            }
        };
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("quiet")) {
            Subscription s = chain.subscribe(logsOnly, 4);
            chain.append("log", bytes("first"));
            stuck.entered.await(); // held inside the first log event
            for (int i = 0; i < 10_000; i++) {
                chain.append("wasm", bytes("not a log line"));
            }
            chain.append("log", bytes("second"));
            stuck.release.countDown();
            assertThat(stuck.take(2)).containsExactly("first", "second");
            assertThat(s.missed()).isZero();
        }
    }

    @Test
    void aListenerThatThrowsKeepsGettingTheNextEvents() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("faulty")) {
            Subscription s = chain.subscribe(event -> {
                if (event.dataAsString().equals("bad")) {
                    throw new IllegalStateException("the listener's own bug");
                }
                seen.add(event.dataAsString());
            }, 10);
            chain.append("wasm", bytes("one"));
            chain.append("wasm", bytes("bad"));
            chain.append("wasm", bytes("two"));
            s.closeAfterDelivery().get(30, TimeUnit.SECONDS);
            assertThat(seen).containsExactly("one", "two");
            assertThat(s.delivered()).isEqualTo(3);
        }
    }

    @Test
    void closingAfterDeliveryHandsOverEverythingAppendedBeforeAndNothingAfter() throws Exception {
        Recorder r = new Recorder(true); // held inside the first event, so the rest is still queued when we close
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("drained")) {
            Subscription s = chain.subscribe(r, 100);
            for (int i = 0; i < 20; i++) {
                chain.append("wasm", bytes("" + i));
            }
            r.entered.await();
            var ended = s.closeAfterDelivery();
            chain.append("wasm", bytes("after the close"));
            assertThat(ended).isNotDone();
            r.release.countDown();
            ended.get(30, TimeUnit.SECONDS);

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("" + i);
            }
            expected.add("closed");
            assertThat(new ArrayList<>(r.calls)).isEqualTo(expected); // complete when the future is: nothing to wait for
            assertThat(s.delivered()).isEqualTo(20);
            assertThat(s.isClosed()).isTrue();
            assertThat(s.closeAfterDelivery()).isCompleted();
        }
    }

    @Test
    void aStuckSubscriberNeverBlocksTheActorAndIsToldWhatItMissed() throws Exception {
        Recorder stuck = new Recorder(true);
        Recorder healthy = new Recorder(false);
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("busy")) {
            Subscription s = chain.subscribe(stuck, 16);
            Subscription h = chain.subscribe(healthy, 20_000);
            chain.append("wasm", bytes("e0"));
            stuck.entered.await(); // the listener now holds e0 and is stuck inside onEvent
            for (int i = 1; i < 10_000; i++) {
                chain.append("wasm", bytes("e" + i)); // would hang here if a subscriber could block the actor
            }
            assertThat(chain.size()).isEqualTo(10_000);
            assertThat(s.missed()).isEqualTo(10_000 - 1 - 16);
            assertThat(healthy.take(10_000)).endsWith("e9999");
            assertThat(h.missed()).isZero();

            stuck.release.countDown();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i <= 16; i++) {
                expected.add("e" + i);
            }
            assertThat(stuck.take(17)).isEqualTo(expected);
            chain.append("wasm", bytes("after"));
            assertThat(stuck.take(2)).containsExactly("missed 9983", "after");
            assertThat(s.delivered()).isEqualTo(18);
        }
        assertThat(stuck.take(1)).containsExactly("closed");
    }

    @Test
    void missedEventsAtCloseAreReportedBeforeClosed() throws Exception {
        Recorder stuck = new Recorder(true);
        try (ChainStore store = ChainStore.builder().home(home).build()) {
            ActorChain chain = store.open("closing");
            chain.subscribe(stuck, 1);
            chain.append("wasm", bytes("a"));
            stuck.entered.await();
            chain.append("wasm", bytes("b"));
            chain.append("wasm", bytes("c"));
            chain.append("wasm", bytes("d"));
            chain.close();
            stuck.release.countDown();
            assertThat(stuck.take(4)).containsExactly("a", "b", "missed 2", "closed");
        }
    }

    @Test
    void aSubscriberCanLeave() throws Exception {
        Recorder r = new Recorder(false);
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("leaving")) {
            Subscription s = chain.subscribe(r);
            chain.append("wasm", bytes("1"));
            assertThat(r.take(1)).containsExactly("1");
            s.close();
            assertThat(r.take(1)).containsExactly("closed");
            chain.append("wasm", bytes("2"));
            assertThat(s.isClosed()).isTrue();
            assertThat(s.delivered()).isEqualTo(1);
            assertThat(s.capacity()).isEqualTo(1024);
        }
    }

    @Test
    void capacityMustBePositive() {
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("cap")) {
            assertThatThrownBy(() -> chain.subscribe(new Recorder(false), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("subscription capacity must be at least 1, got 0");
        }
    }
}
