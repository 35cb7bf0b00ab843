package dev.theater.handler.messageserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bool;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The message server's routing rules, with fake actors (one virtual thread each) instead of wasm guests. */
class RouterTest {

    private final FakeActor.Runtime runtime = new FakeActor.Runtime();
    private final Log log = new Log();

    /** What the exports saw, in order; {@link #await} blocks until that many lines have arrived. */
    private static final class Log {
        private final List<String> lines = new ArrayList<>();

        synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        /** Waits for {@code size} lines (10 s at most, a guard against a hang) and returns them all. */
        synchronized List<String> await(int size) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (lines.size() < size) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited for " + size + " log lines, have " + lines);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(lines);
        }
    }

    @AfterEach
    void stopAll() {
        runtime.actors.values().forEach(actor -> actor.mailbox.shutdownNow());
    }

    private static Bytes utf8(String text) {
        return Bytes.utf8(text);
    }

    private static String text(WitValue value) {
        return ((Bytes) value).asUtf8();
    }

    private static ResultValue ok(WitValue result) {
        assertThat(result).isInstanceOf(ResultValue.class);
        assertThat(((ResultValue) result).ok()).as("ok, but was %s", result).isTrue();
        return (ResultValue) result;
    }

    private static String err(WitValue result) {
        assertThat(((ResultValue) result).ok()).as("err, but was %s", result).isFalse();
        return ((Str) ((ResultValue) result).payload().orElseThrow()).value();
    }

    private static Optional<WitValue> state(WitValue... results) {
        return Optional.of(TupleValue.of(results));
    }

    /** Exports that log what they get and answer requests with "re:<msg>" and accept channels. */
    private Map<String, Function<TupleValue, Optional<WitValue>>> echo(String id) {
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = new HashMap<>();
        exports.put("handle-send", p -> {
            log.add(id + " got " + text(p.elements().get(0)));
            return Optional.empty();
        });
        exports.put("handle-request", p -> state(OptionValue.some(utf8("re:" + text(p.elements().get(1))))));
        exports.put("handle-channel-open", p -> {
            log.add(id + " open " + text(p.elements().get(1)));
            boolean accept = !text(p.elements().get(1)).equals("no");
            return state(RecordValue.of(new Bool(accept), accept ? OptionValue.some(utf8("welcome"))
                    : OptionValue.some(utf8("go away"))));
        });
        exports.put("handle-channel-message", p -> {
            log.add(id + " chan " + text(p.elements().get(1)));
            return Optional.empty();
        });
        exports.put("handle-channel-close", p -> {
            log.add(id + " closed");
            return Optional.empty();
        });
        return exports;
    }

    private FakeActor start(String id, Map<String, Function<TupleValue, Optional<WitValue>>> exports) {
        return runtime.start(id, Map.of(), exports);
    }

    /** Exports like {@link #echo} whose handle-request completes {@code received} with the id and answers later. */
    private Map<String, Function<TupleValue, Optional<WitValue>>> deferring(String id, CompletableFuture<String> received) {
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo(id);
        exports.put("handle-request", p -> {
            received.complete(((Str) p.elements().get(0)).value());
            return state(OptionValue.none());
        });
        return exports;
    }

    private static String channelId(WitValue openResult) {
        return ((Str) ok(openResult).payload().orElseThrow()).value();
    }

    private static List<WitValue> outstanding(FakeActor actor) {
        return ((ListValue) actor.call("list-outstanding-requests")).elements();
    }

    @Test
    void sendQueuesIntoTheTargetAndRecordsTheArrival() throws Exception {
        FakeActor a = start("a", echo("a"));
        FakeActor b = start("b", echo("b"));
        ok(a.call("send", new Str("b"), utf8("hi")));
        assertThat(log.await(1)).containsExactly("b got hi");
        assertThat(b.recorded).containsExactly(new FakeActor.Recorded("message-server/received",
                "{\"kind\":\"send\",\"from\":\"a\",\"size\":2}", "send from 'a' (2 bytes)"));
    }

    @Test
    void sendToAnUnknownActorOrOneWithoutTheExportIsAnError() {
        FakeActor a = start("a", echo("a"));
        start("mute", Map.of());
        assertThat(err(a.call("send", new Str("nobody"), utf8("x")))).isEqualTo("no running actor 'nobody'");
        assertThat(err(a.call("send", new Str("mute"), utf8("x"))))
                .isEqualTo("actor 'mute' does not export theater:simple/message-server-client#handle-send");
        assertThat(err(a.call("request", new Str("mute"), utf8("x"))))
                .isEqualTo("actor 'mute' does not export theater:simple/message-server-client#handle-request");
    }

    @Test
    void requestReturnsTheImmediateAnswer() {
        FakeActor a = start("a", echo("a"));
        start("b", echo("b"));
        assertThat(text(ok(a.call("request", new Str("b"), utf8("ping"))).payload().orElseThrow())).isEqualTo("re:ping");
    }

    @Test
    void aDeferredRequestIsOutstandingUntilAnswered() throws Exception {
        FakeActor a = start("a", echo("a"));
        CompletableFuture<String> received = new CompletableFuture<>();
        FakeActor b = start("b", deferring("b", received));
        var answer = a.inMailbox(() -> a.call("request", new Str("b"), utf8("later")));
        String id = received.get(5, TimeUnit.SECONDS);
        assertThat(outstanding(b)).containsExactly(new Str(id));
        ok(b.call("respond-to-request", new Str(id), utf8("done")));
        assertThat(text(ok(answer.get(5, TimeUnit.SECONDS)).payload().orElseThrow())).isEqualTo("done");
        assertThat(outstanding(b)).isEmpty();
        assertThat(err(b.call("respond-to-request", new Str(id), utf8("again")))).isEqualTo("no pending request '"
                + id + "' (never received, already answered, cancelled or timed out)");
    }

    @Test
    void cancelFailsTheWaitingRequester() throws Exception {
        FakeActor a = start("a", echo("a"));
        CompletableFuture<String> received = new CompletableFuture<>();
        FakeActor b = start("b", deferring("b", received));
        var answer = a.inMailbox(() -> a.call("request", new Str("b"), utf8("later")));
        String id = received.get(5, TimeUnit.SECONDS);
        ok(b.call("cancel-request", new Str(id)));
        assertThat(err(answer.get(5, TimeUnit.SECONDS))).isEqualTo("actor 'b' cancelled request " + id);
        assertThat(err(b.call("cancel-request", new Str(id)))).isEqualTo("no pending request '" + id
                + "' (never received, already answered, cancelled or timed out)");
    }

    @Test
    void aRequestTimesOutAfterTheRequestersTimeout() {
        FakeActor a = runtime.start("a", Map.of("request_timeout_ms", 100L), echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        exports.put("handle-request", p -> state(OptionValue.none()));
        FakeActor b = start("b", exports);
        assertThat(err(a.call("request", new Str("b"), utf8("x")))).isEqualTo("request to actor 'b' timed out after 100 ms");
        assertThat(outstanding(b)).isEmpty();
        assertThat(runtime.provider.router().waits().waitingFor("a")).isEmpty();
    }

    @Test
    void aFailingHandlerFailsTheRequest() {
        FakeActor a = start("a", echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        CompletableFuture<String> received = new CompletableFuture<>();
        exports.put("handle-request", p -> {
            received.complete(((Str) p.elements().get(0)).value());
            throw new ActorCallException("b", ActorCallException.Kind.TRAP, "handle-request trapped: unreachable", null);
        });
        start("b", exports);
        String error = err(a.call("request", new Str("b"), utf8("x")));
        assertThat(error).isEqualTo("actor 'b' failed handling request " + received.getNow("(none)")
                + ": handle-request trapped: unreachable");
    }

    @Test
    void aRequestCycleIsDetectedBeforeBlocking() throws Exception {
        FakeActor a = start("a", echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        FakeActor[] self = new FakeActor[1];
        exports.put("handle-request", p -> {
            WitValue back = self[0].call("request", new Str("a"), utf8("back"));
            return state(OptionValue.some(utf8("b saw: " + err(back))));
        });
        self[0] = start("b", exports);
        WitValue answer = a.inMailbox(() -> a.call("request", new Str("b"), utf8("go"))).get(5, TimeUnit.SECONDS);
        assertThat(text(ok(answer).payload().orElseThrow()))
                .isEqualTo("b saw: request cycle: a -> b -> a; the request would deadlock (a is busy waiting for b)");
    }

    @Test
    void aLongerCycleAndARequestToSelfAreDetected() throws Exception {
        FakeActor[] actors = new FakeActor[3];
        String[] ids = {"a", "b", "c"};
        for (int i = 0; i < 3; i++) {
            int me = i;
            Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo(ids[i]);
            exports.put("handle-request", p -> {
                WitValue next = actors[me].call("request", new Str(ids[(me + 1) % 3]), utf8("hop"));
                return state(OptionValue.some(((ResultValue) next).ok()
                        ? ((ResultValue) next).payload().orElseThrow() : utf8(err(next))));
            });
            actors[i] = start(ids[i], exports);
        }
        WitValue answer = actors[0].inMailbox(() -> actors[0].call("request", new Str("b"), utf8("go")))
                .get(5, TimeUnit.SECONDS);
        assertThat(text(ok(answer).payload().orElseThrow()))
                .isEqualTo("request cycle: a -> b -> c -> a; the request would deadlock (a is busy waiting for b)");
        assertThat(err(actors[0].call("request", new Str("a"), utf8("me"))))
                .isEqualTo("request cycle: a -> a; the request would deadlock (a is busy making this request)");
    }

    @Test
    void channelsOpenCarryMessagesBothWaysAndClose() throws Exception {
        FakeActor a = start("a", echo("a"));
        FakeActor b = start("b", echo("b"));
        String channel = channelId(a.call("open-channel", new Str("b"), utf8("hello")));
        assertThat(channel).matches("[0-9a-f-]{36}"); // a random UUID: only its shape is fixed
        log.await(2);
        ok(a.call("send-on-channel", new Str(channel), utf8("a->b")));
        log.await(3);
        ok(b.call("send-on-channel", new Str(channel), utf8("b->a")));
        log.await(4);
        ok(b.call("close-channel", new Str(channel)));
        assertThat(log.await(5)).containsExactly("b open hello", "a chan welcome", "b chan a->b", "a chan b->a",
                "a closed");
        assertThat(err(a.call("send-on-channel", new Str(channel), utf8("late"))))
                .isEqualTo("unknown channel '" + channel + "' (never opened, or already closed)");
        assertThat(err(a.call("close-channel", new Str(channel))))
                .isEqualTo("unknown channel '" + channel + "' (never opened, or already closed)");
    }

    @Test
    void aRefusedChannelIsAnErrorAndNeverOpens() {
        FakeActor a = start("a", echo("a"));
        start("b", echo("b"));
        assertThat(err(a.call("open-channel", new Str("b"), utf8("no")))).isEqualTo("actor 'b' refused the channel: go away");
        assertThat(runtime.provider.router().inbox("a").channels()).isEmpty();
        assertThat(runtime.provider.router().inbox("b").channels()).isEmpty();
    }

    @Test
    void aThirdActorCannotUseAChannel() {
        FakeActor a = start("a", echo("a"));
        start("b", echo("b"));
        FakeActor c = start("c", echo("c"));
        String channel = channelId(a.call("open-channel", new Str("b"), utf8("hi")));
        assertThat(err(c.call("send-on-channel", new Str(channel), utf8("x"))))
                .isEqualTo("unknown channel '" + channel + "' (never opened, or already closed)");
        assertThat(err(c.call("close-channel", new Str(channel))))
                .isEqualTo("unknown channel '" + channel + "' (never opened, or already closed)");
    }

    @Test
    void aChannelCannotBeUsedBeforeHandleChannelOpenReturns() throws Exception {
        FakeActor a = start("a", echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        FakeActor[] self = new FakeActor[1];
        CompletableFuture<WitValue> tooSoon = new CompletableFuture<>();
        exports.put("handle-channel-open", p -> {
            tooSoon.complete(self[0].call("send-on-channel", p.elements().get(0), utf8("too soon")));
            return state(RecordValue.of(new Bool(true), OptionValue.none()));
        });
        self[0] = start("b", exports);
        String channel = channelId(a.call("open-channel", new Str("b"), utf8("hi")));
        assertThat(err(tooSoon.get(5, TimeUnit.SECONDS))).isEqualTo("channel '" + channel + "' is not open yet"
                + " (it opens when handle-channel-open returns accepted)");
        ok(self[0].call("send-on-channel", new Str(channel), utf8("now")));
        assertThat(log.await(1)).containsExactly("a chan now");
    }

    @Test
    void maxChannelsLimitsTheOpenerAndAClosedChannelFreesItsSlot() {
        FakeActor a = runtime.start("a", Map.of("max_channels", 1L), echo("a"));
        start("b", echo("b"));
        FakeActor c = start("c", echo("c"));
        String first = channelId(a.call("open-channel", new Str("b"), utf8("hi")));
        assertThat(err(a.call("open-channel", new Str("c"), utf8("hi"))))
                .isEqualTo("actor 'a' has too many open channels (max_channels = 1)");
        assertThat(c.calls).isEmpty(); // refused before c is asked
        ok(a.call("close-channel", new Str(first)));
        String second = channelId(a.call("open-channel", new Str("c"), utf8("hi")));
        assertThat(runtime.provider.router().inbox("a").channels()).containsExactly(second);
    }

    @Test
    void maxChannelsLimitsTheAcceptorBothWays() {
        FakeActor a = start("a", echo("a"));
        FakeActor b = runtime.start("b", Map.of("max_channels", 1L), echo("b"));
        FakeActor c = start("c", echo("c"));
        String first = channelId(a.call("open-channel", new Str("b"), utf8("hi")));
        assertThat(err(c.call("open-channel", new Str("b"), utf8("hi"))))
                .isEqualTo("actor 'b' has too many open channels (max_channels = 1)");
        assertThat(b.calls).containsExactly("handle-channel-open"); // a's open only: c's never reached b
        assertThat(err(b.call("open-channel", new Str("c"), utf8("hi"))))
                .isEqualTo("actor 'b' has too many open channels (max_channels = 1)");
        assertThat(c.calls).isEmpty();
        ok(a.call("close-channel", new Str(first)));
        String second = channelId(c.call("open-channel", new Str("b"), utf8("hi")));
        assertThat(runtime.provider.router().inbox("b").channels()).containsExactly(second);
    }

    @Test
    void aRefusedOrFailedOpenDoesNotKeepAChannelSlotOnEitherSide() throws Exception {
        FakeActor a = runtime.start("a", Map.of("max_channels", 1L), echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        List<String> offered = new CopyOnWriteArrayList<>();
        Function<TupleValue, Optional<WitValue>> accepting = exports.get("handle-channel-open");
        exports.put("handle-channel-open", p -> {
            offered.add(((Str) p.elements().get(0)).value());
            if (text(p.elements().get(1)).equals("boom")) {
                throw new ActorCallException("b", ActorCallException.Kind.TRAP,
                        "handle-channel-open trapped: unreachable", null);
            }
            return accepting.apply(p);
        });
        FakeActor b = runtime.start("b", Map.of("max_channels", 1L), exports);
        assertThat(err(a.call("open-channel", new Str("b"), utf8("no")))).isEqualTo("actor 'b' refused the channel: go away");
        assertThat(err(a.call("open-channel", new Str("b"), utf8("boom"))))
                .isEqualTo("actor 'b': handle-channel-open trapped: unreachable");
        assertThat(offered).hasSize(2);
        for (String gone : offered) {
            assertThat(err(b.call("send-on-channel", new Str(gone), utf8("x"))))
                    .isEqualTo("unknown channel '" + gone + "' (never opened, or already closed)");
        }
        String channel = channelId(a.call("open-channel", new Str("b"), utf8("hi")));
        assertThat(offered).hasSize(3).last().isEqualTo(channel);
        assertThat(runtime.provider.router().inbox("a").channels()).containsExactly(channel);
        assertThat(runtime.provider.router().inbox("b").channels()).containsExactly(channel);
    }

    @Test
    void aFullMailboxRefusesSends() throws Exception {
        FakeActor a = start("a", echo("a"));
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        exports.put("handle-send", p -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        });
        runtime.start("b", Map.of("mailbox_capacity", 2L), exports);
        ok(a.call("send", new Str("b"), utf8("1")));
        ok(a.call("send", new Str("b"), utf8("2")));
        assertThat(err(a.call("send", new Str("b"), utf8("3"))))
                .isEqualTo("the mailbox of actor 'b' is full (mailbox_capacity = 2 messages waiting)");
        release.countDown();
    }

    @Test
    void stoppingAnActorFailsItsPendingRequestsAndClosesItsChannels() throws Exception {
        FakeActor a = start("a", echo("a"));
        CompletableFuture<String> received = new CompletableFuture<>();
        FakeActor b = start("b", deferring("b", received));
        ok(a.call("open-channel", new Str("b"), utf8("hi")));
        var answer = a.inMailbox(() -> a.call("request", new Str("b"), utf8("x")));
        String id = received.get(5, TimeUnit.SECONDS);
        b.stop();
        assertThat(err(answer.get(5, TimeUnit.SECONDS))).isEqualTo("actor 'b' stopped before answering request " + id);
        // a's mailbox runs in order: the welcome, then the request (blocked until b stopped), then the close
        assertThat(log.await(3)).containsExactly("b open hi", "a chan welcome", "a closed");
        assertThat(err(a.call("send", new Str("b"), utf8("x")))).isEqualTo("no running actor 'b'");
    }

    @Test
    void anActorWithoutMessageServerIsNamed() {
        FakeActor a = start("a", echo("a"));
        runtime.actors.put("plain", new FakeActor("plain", Map.of()));
        assertThat(err(a.call("send", new Str("plain"), utf8("x")))).isEqualTo("actor 'plain' has no message-server"
                + " handler; its manifest must list [[handlers]] type = \"message-server\"");
    }

    @Test
    void javaCallersSendAndRequestThroughTheEndpoint() throws Exception {
        FakeActor b = start("b", echo("b"));
        b.handler.send("embedder", "hi".getBytes()).get(5, TimeUnit.SECONDS);
        assertThat(log.lines()).containsExactly("b got hi");
        assertThat(new String(b.handler.request("embedder", "q".getBytes()).get(5, TimeUnit.SECONDS))).isEqualTo("re:q");
        FakeActor mute = runtime.start("mute", Map.of("request_timeout_ms", 50L), Map.of("handle-request",
                p -> state(OptionValue.none())));
        assertThatThrownBy(() -> mute.handler.request("embedder", "q".getBytes()).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ActorCallException.class)
                .hasMessage("actor 'mute': the request timed out after 50 ms");
        assertThatThrownBy(() -> mute.handler.send("embedder", "x".getBytes()).get())
                .cause().hasMessage("actor 'mute': does not export theater:simple/message-server-client#handle-send");
    }

    @Test
    void unknownConfigKeysAndBadValuesAreErrors() {
        assertThatThrownBy(() -> runtime.start("x", Map.of("request_timeout", 5L), Map.of()))
                .isInstanceOf(HandlerException.class).hasMessage("x.toml:5: handler 'message-server': config key"
                        + " 'request_timeout' is not a known key; the known keys are [mailbox_capacity, max_channels,"
                        + " request_timeout_ms]");
        assertThatThrownBy(() -> runtime.start("y", Map.of("request_timeout_ms", 0L), Map.of()))
                .hasMessage("y.toml:5: handler 'message-server': config key 'request_timeout_ms' must be a positive"
                        + " integer, found 0");
    }
}
