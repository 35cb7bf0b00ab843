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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final List<String> log = new CopyOnWriteArrayList<>();

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

    private void awaitLog(int size) throws InterruptedException {
        for (int i = 0; i < 500 && log.size() < size; i++) {
            Thread.sleep(5);
        }
        assertThat(log).hasSizeGreaterThanOrEqualTo(size);
    }

    @Test
    void sendQueuesIntoTheTargetAndRecordsTheArrival() throws Exception {
        FakeActor a = start("a", echo("a"));
        FakeActor b = start("b", echo("b"));
        ok(a.call("send", new Str("b"), utf8("hi")));
        awaitLog(1);
        assertThat(log).containsExactly("b got hi");
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
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        CountDownLatch received = new CountDownLatch(1);
        exports.put("handle-request", p -> {
            received.countDown();
            return state(OptionValue.none());
        });
        FakeActor b = start("b", exports);
        var answer = a.inMailbox(() -> a.call("request", new Str("b"), utf8("later")));
        assertThat(received.await(5, TimeUnit.SECONDS)).isTrue();
        ListValue outstanding = (ListValue) b.call("list-outstanding-requests");
        assertThat(outstanding.elements()).hasSize(1);
        String id = ((Str) outstanding.elements().getFirst()).value();
        ok(b.call("respond-to-request", new Str(id), utf8("done")));
        assertThat(text(ok(answer.get(5, TimeUnit.SECONDS)).payload().orElseThrow())).isEqualTo("done");
        assertThat(((ListValue) b.call("list-outstanding-requests")).elements()).isEmpty();
        assertThat(err(b.call("respond-to-request", new Str(id), utf8("again")))).isEqualTo("no pending request '"
                + id + "' (never received, already answered, cancelled or timed out)");
    }

    @Test
    void cancelFailsTheWaitingRequester() throws Exception {
        FakeActor a = start("a", echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        exports.put("handle-request", p -> state(OptionValue.none()));
        FakeActor b = start("b", exports);
        var answer = a.inMailbox(() -> a.call("request", new Str("b"), utf8("later")));
        String id = awaitOutstanding(b);
        ok(b.call("cancel-request", new Str(id)));
        assertThat(err(answer.get(5, TimeUnit.SECONDS))).isEqualTo("actor 'b' cancelled request " + id);
        assertThat(err(b.call("cancel-request", new Str(id)))).startsWith("no pending request '" + id + "'");
    }

    @Test
    void aRequestTimesOutAfterTheRequestersTimeout() {
        FakeActor a = runtime.start("a", Map.of("request_timeout_ms", 100L), echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        exports.put("handle-request", p -> state(OptionValue.none()));
        FakeActor b = start("b", exports);
        assertThat(err(a.call("request", new Str("b"), utf8("x")))).isEqualTo("request to actor 'b' timed out after 100 ms");
        assertThat(((ListValue) b.call("list-outstanding-requests")).elements()).isEmpty();
        assertThat(runtime.provider.router().waits().waitingFor("a")).isEmpty();
    }

    @Test
    void aFailingHandlerFailsTheRequest() {
        FakeActor a = start("a", echo("a"));
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        exports.put("handle-request", p -> {
            throw new ActorCallException("b", ActorCallException.Kind.TRAP, "handle-request trapped: unreachable", null);
        });
        start("b", exports);
        assertThat(err(a.call("request", new Str("b"), utf8("x")))).matches(
                "actor 'b' failed handling request [0-9a-z]+-1: handle-request trapped: unreachable");
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
        String channel = ((Str) ok(a.call("open-channel", new Str("b"), utf8("hello"))).payload().orElseThrow()).value();
        assertThat(channel).matches("[0-9a-f-]{36}");
        awaitLog(2);
        ok(a.call("send-on-channel", new Str(channel), utf8("a->b")));
        awaitLog(3);
        ok(b.call("send-on-channel", new Str(channel), utf8("b->a")));
        awaitLog(4);
        ok(b.call("close-channel", new Str(channel)));
        awaitLog(5);
        assertThat(log).containsExactly("b open hello", "a chan welcome", "b chan a->b", "a chan b->a", "a closed");
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
        String channel = ((Str) ok(a.call("open-channel", new Str("b"), utf8("hi"))).payload().orElseThrow()).value();
        assertThat(err(c.call("send-on-channel", new Str(channel), utf8("x")))).startsWith("unknown channel");
        assertThat(err(c.call("close-channel", new Str(channel)))).startsWith("unknown channel");
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
        Map<String, Function<TupleValue, Optional<WitValue>>> exports = echo("b");
        exports.put("handle-request", p -> state(OptionValue.none()));
        FakeActor b = start("b", exports);
        ok(a.call("open-channel", new Str("b"), utf8("hi")));
        var answer = a.inMailbox(() -> a.call("request", new Str("b"), utf8("x")));
        String id = awaitOutstanding(b);
        b.stop();
        assertThat(err(answer.get(5, TimeUnit.SECONDS))).isEqualTo("actor 'b' stopped before answering request " + id);
        awaitLog(3);
        assertThat(log).contains("a closed");
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
        assertThat(log).containsExactly("b got hi");
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

    private static String awaitOutstanding(FakeActor actor) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            List<WitValue> ids = ((ListValue) actor.call("list-outstanding-requests")).elements();
            if (!ids.isEmpty()) {
                return ((Str) ids.getFirst()).value();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no outstanding request at " + actor.id);
    }
}
