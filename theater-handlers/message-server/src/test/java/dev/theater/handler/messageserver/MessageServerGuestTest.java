package dev.theater.handler.messageserver;

import static dev.theater.handler.messageserver.Guests.awaitLog;
import static dev.theater.handler.messageserver.Guests.awaitLogMatching;
import static dev.theater.handler.messageserver.Guests.logs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.ActorCallException;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.core.Theater;
import dev.theater.core.EngineMode;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message-server function through real wasm guests (test-actors/README.md: ms-echo, ms-requester, ms-channels, ms-cycle). */
class MessageServerGuestTest {

    @TempDir
    Path home;

    private Theater theater;

    @BeforeEach
    void startTheater() {
        theater = Theater.builder().home(home).engineMode(EngineMode.COMPILER)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider()).build();
    }

    @AfterEach
    void closeTheater() {
        theater.close();
    }

    /** The file each guest runs from: the core module here; {@link MessageServerComponentGuestTest} runs ms-echo as a component. */
    String wasm(String guest) {
        return guest + ".wasm";
    }

    private ActorRef start(Theater theater, String guest, String id, String messageServerConfig) {
        return Guests.start(theater, guest, wasm(guest), id, messageServerConfig);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void tell(ActorRef actor, String message) {
        actor.send(utf8(message));
    }

    /** The request id in a line such as {@code deferred <rid>}. */
    private static String idAfter(List<String> logs, String prefix) {
        return logs.stream().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElseThrow().substring(prefix.length());
    }

    @Test
    void sendQueuesAMessageAndRecordsItsArrival() {
        ActorRef echo = start(theater, "ms-echo", "echo", "");
        ActorRef req = start(theater, "ms-requester", "req", "");
        tell(req, "tell echo hi");
        awaitLog(req, "sent");
        awaitLog(echo, "echo got: hi");
        assertThat(Guests.events(echo, "message-server/received")).singleElement().satisfies(e -> {
            assertThat(e.dataAsString()).isEqualTo("{\"kind\":\"send\",\"from\":\"req\",\"size\":2}");
            assertThat(e.description()).hasValue("send from 'req' (2 bytes)");
        });
    }

    @Test
    void requestGetsTheImmediateAnswer() {
        start(theater, "ms-echo", "echo", "");
        ActorRef req = start(theater, "ms-requester", "req", "");
        tell(req, "ask echo {\"a\":1}");
        awaitLog(req, "reply: {\"a\":1}");
    }

    @Test
    void aDeferredRequestIsListedThenAnsweredOnce() {
        ActorRef echo = start(theater, "ms-echo", "echo", "");
        ActorRef req = start(theater, "ms-requester", "req", "");
        tell(req, "ask echo later: x");
        String rid = idAfter(awaitLogMatching(echo, l -> l.startsWith("deferred "), "deferred <rid>"), "deferred ");
        tell(echo, "list");
        awaitLog(echo, "outstanding: " + rid);
        tell(echo, "answer");
        awaitLog(req, "reply: answered");
        awaitLog(echo, "answered " + rid);
        tell(echo, "answer");
        awaitLog(echo, "answer failed: no pending request '" + rid
                + "' (never received, already answered, cancelled or timed out)");
        tell(echo, "list");
        awaitLog(echo, "outstanding: ");
    }

    @Test
    void cancelFailsTheRequester() {
        ActorRef echo = start(theater, "ms-echo", "echo", "");
        ActorRef req = start(theater, "ms-requester", "req", "");
        tell(req, "ask echo later:");
        String rid = idAfter(awaitLogMatching(echo, l -> l.startsWith("deferred "), "deferred <rid>"), "deferred ");
        tell(echo, "cancel");
        awaitLog(echo, "cancelled " + rid);
        awaitLog(req, "request failed: actor 'echo' cancelled request " + rid);
    }

    @Test
    void anUnansweredRequestTimesOut() {
        ActorRef echo = start(theater, "ms-echo", "echo", "");
        ActorRef req = start(theater, "ms-requester", "req", "request_timeout_ms = 300");
        tell(req, "ask echo later:");
        String rid = idAfter(awaitLogMatching(echo, l -> l.startsWith("deferred "), "deferred <rid>"), "deferred ");
        awaitLog(req, "request failed: request to actor 'echo' timed out after 300 ms");
        tell(echo, "list");
        awaitLog(echo, "outstanding: ");
        tell(echo, "answer");
        awaitLog(echo, "answer failed: no pending request '" + rid
                + "' (never received, already answered, cancelled or timed out)");
    }

    @Test
    void unknownTargetsAndMissingExportsAreErrors() {
        ActorRef req = start(theater, "ms-requester", "req", "");
        start(theater, "ms-requester", "req2", "");
        ActorRef chan = start(theater, "ms-channels", "chan", "");
        tell(req, "ask nobody x");
        awaitLog(req, "request failed: no running actor 'nobody'");
        tell(req, "tell nobody x");
        awaitLog(req, "send failed: no running actor 'nobody'");
        tell(req, "ask req2 x");
        awaitLog(req, "request failed: actor 'req2' does not export theater:simple/message-server-client#handle-request");
        tell(chan, "open req2 hi");
        awaitLog(chan, "open failed: actor 'req2' does not export theater:simple/message-server-client#handle-channel-open");
    }

    @Test
    void channelsOpenCarryMessagesBothWaysAndClose() {
        ActorRef echo = start(theater, "ms-echo", "echo", "");
        ActorRef chan = start(theater, "ms-channels", "chan", "");
        tell(chan, "open echo hi");
        String cid = idAfter(awaitLogMatching(chan, l -> l.startsWith("opened "), "opened <cid>"), "opened ");
        awaitLog(echo, "accepted " + cid);
        awaitLog(chan, "heard: welcome");
        tell(chan, "say one");
        awaitLog(chan, "said");
        awaitLog(echo, "channel " + cid + ": one");
        awaitLog(chan, "heard: echo: one");
        tell(chan, "close");
        awaitLog(chan, "closed");
        awaitLog(echo, "closed " + cid);
        tell(chan, "say two");
        awaitLog(chan, "say failed: unknown channel '" + cid + "' (never opened, or already closed)");
        tell(chan, "close");
        awaitLog(chan, "close failed: unknown channel '" + cid + "' (never opened, or already closed)");
    }

    @Test
    void aRefusedChannelIsAnError() {
        ActorRef echo = start(theater, "ms-echo", "echo", "");
        ActorRef chan = start(theater, "ms-channels", "chan", "");
        tell(chan, "open echo no");
        awaitLog(chan, "open failed: actor 'echo' refused the channel");
        // the refused channel's id never reaches the opener; echo's chain has it in the arrival event
        String data = Guests.events(echo, "message-server/received").getLast().dataAsString();
        String cid = Guests.Json.readString(data, data.indexOf("\"id\":\"") + 5);
        assertThat(data).isEqualTo("{\"kind\":\"channel-open\",\"from\":\"chan\",\"size\":2,\"id\":\"" + cid + "\"}");
        assertThat(logs(echo)).containsExactly("refused " + cid);
        tell(chan, "say x");
        awaitLog(chan, "no channel");
    }

    @Test
    void aRequestCycleFailsAtOnceWithTheCycleNamed() {
        ActorRef a = start(theater, "ms-cycle", "a", "");
        ActorRef b = start(theater, "ms-cycle", "b", "");
        tell(a, "start b");
        // the cycle error itself shows nothing waited for the 30 s request timeout (awaitLog gives up after 10 s)
        String error = "request cycle: a -> b -> a; the request would deadlock (a is busy waiting for b)";
        awaitLog(a, "reply: b-saw: request failed: " + error);
        assertThat(logs(b)).containsSubsequence("asking a", "request failed: " + error);
        assertThat(logs(a)).doesNotContain("answering hello");
    }

    @Test
    void aChainOfRequestsWithoutACycleIsAnswered() {
        ActorRef a = start(theater, "ms-cycle", "a", "");
        ActorRef b = start(theater, "ms-cycle", "b", "");
        ActorRef c = start(theater, "ms-cycle", "c", "");
        tell(a, "start b c");
        awaitLog(a, "reply: b-saw: hello back");
        assertThat(logs(b)).containsSubsequence("asking c", "got: hello back");
        assertThat(logs(c)).contains("answering hello");
    }

    @Test
    void stoppingAnActorFailsItsPendingRequestsAndClosesItsChannels() {
        ActorRef echo = start(theater, "ms-echo", "echo", "");
        ActorRef req = start(theater, "ms-requester", "req", "");
        ActorRef chan = start(theater, "ms-channels", "chan", "");
        tell(chan, "open echo hi");
        String cid = idAfter(awaitLogMatching(chan, l -> l.startsWith("opened "), "opened <cid>"), "opened ");
        tell(req, "ask echo later:");
        String rid = idAfter(awaitLogMatching(echo, l -> l.startsWith("deferred "), "deferred <rid>"), "deferred ");
        echo.stop();
        awaitLog(req, "request failed: actor 'echo' stopped before answering request " + rid);
        awaitLog(chan, "remote closed " + cid);
        tell(req, "tell echo x");
        awaitLog(req, "send failed: no running actor 'echo'");
    }

    @Test
    void javaCodeSendsAndRequestsThroughTheEndpoint() throws Exception {
        ActorRef echo = start(theater, "ms-echo", "echo", "request_timeout_ms = 500");
        echo.send(utf8("from java")).get(10, TimeUnit.SECONDS);
        assertThat(logs(echo)).contains("echo got: from java");
        assertThat(new String(echo.request(utf8("{\"q\":1}")).get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8))
                .isEqualTo("{\"q\":1}");
        var deferred = echo.request(utf8("later: java"));
        awaitLogMatching(echo, l -> l.startsWith("deferred "), "deferred <rid>");
        echo.send(utf8("answer"));
        assertThat(new String(deferred.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("answered");
        assertThatThrownBy(() -> echo.request(utf8("later: never")).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ActorCallException.class)
                .hasMessage("actor 'echo': the request timed out after 500 ms");
    }

    @Test
    void pingPongExampleRunsAndPingShutsItselfDown() throws Exception {
        Path example = Guests.EXAMPLES.resolve("ping-pong");
        ActorRef pong = theater.start(example.resolve("pong.toml"));
        ActorRef ping = theater.start(example.resolve("ping.toml"));
        assertThat(logs(ping)).containsExactly("ping starting", "ping got: pong 1", "ping got: pong 2",
                "ping got: pong 3", "ping done");
        awaitLog(pong, "pong got: hello from ping");
        tell(ping, "stop");
        awaitLog(ping, "ping stopping");
        assertThat(ping.stopped().get(10, TimeUnit.SECONDS)).isEqualTo(ActorStatus.STOPPED);
        assertThat(ping.stopReason()).hasValue("the actor called runtime.shutdown");
    }
}
