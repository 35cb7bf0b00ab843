package dev.theater.handler.messageserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.EngineMode;
import dev.theater.core.Theater;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actors blocked in a host call wait for other actors without starving them of threads: a chain of nested requests
 * through the {@code relay} guest (test-actors/README.md), each actor blocked in its {@code request} until the one
 * below answers, completes with the default guest threads and with fewer guest threads than actors waiting.
 */
class BlockingCallsGuestTest {

    @TempDir
    Path home;

    private Theater theater;

    @AfterEach
    void closeTheater() {
        if (theater != null) {
            theater.close();
        }
    }

    private Theater theater(int guestThreads) {
        theater = Theater.builder().home(home).engineMode(EngineMode.COMPILER).guestThreads(guestThreads)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider()).build();
        return theater;
    }

    /** relay-0 … relay-depth; a request to relay-depth is depth nested requests. */
    private ActorRef relays(int depth) {
        ActorRef top = null;
        for (int i = 0; i <= depth; i++) {
            top = Guests.start(theater, "relay", "relay-" + i, "");
        }
        return top;
    }

    private static String expected(int depth) {
        StringJoiner chain = new StringJoiner(",");
        for (int i = 0; i <= depth; i++) {
            chain.add(Integer.toString(i));
        }
        return chain.toString();
    }

    private static String ask(ActorRef actor, int depth) throws Exception {
        byte[] answer = actor.request(Integer.toString(depth).getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
        return new String(answer, StandardCharsets.UTF_8);
    }

    @Test
    void fiftyNestedRequestsComplete() throws Exception {
        theater(Theater.DEFAULT_GUEST_THREADS);
        assertThat(ask(relays(50), 50)).isEqualTo(expected(50));
    }

    @Test
    void moreActorsWaitingInRequestsThanThereAreGuestThreadsStillComplete() throws Exception {
        theater(4); // 50 actors blocked at once on 4 guest threads: past them, calls run on virtual threads
        ActorRef top = relays(50);
        assertThat(ask(top, 50)).isEqualTo(expected(50));
        assertThat(ask(top, 50)).isEqualTo(expected(50)); // and again, once the first chain has let go
    }

    @Test
    void aResponseThatCannotBeLiftedIsReportedAsSuchToTheRequester() throws Exception {
        theater(Theater.DEFAULT_GUEST_THREADS);
        ActorRef relay = Guests.start(theater, "relay", "relay-0", "");
        ActorRef asker = Guests.start(theater, "ms-requester", "asker", "");
        asker.send("ask relay-0 bad".getBytes(StandardCharsets.UTF_8)).join();
        String lifting = "theater:simple/message-server-client#handle-request failed: " + Guests.TEST_ACTORS.resolve("relay")
                .resolve("relay.wasm") + ": export 'theater:simple/message-server-client#handle-request': cannot lift"
                + " list<u8>: pointer 0xfffffff0 + 100 bytes is outside memory (65536 bytes)";
        // the request id is the inbox's own (a random prefix and a counter)
        assertThat(Guests.logs(asker)).singleElement().asString().matches(
                "request failed: actor 'relay-0' failed handling request [0-9a-z]+-1: " + Pattern.quote(lifting));
        assertThat(relay.stopped().get(30, TimeUnit.SECONDS)).isEqualTo(dev.theater.core.ActorStatus.FAILED);

        // a message to the failed actor is refused, and nothing of it lands in that actor's chain
        asker.send("tell relay-0 late".getBytes(StandardCharsets.UTF_8)).join();
        assertThat(Guests.logs(asker)).last().isEqualTo("send failed: no running actor 'relay-0'");
        List<String> types = dev.theater.chain.ChainStore.readFile(theater.chains().fileOf("relay-0")).stream()
                .map(dev.theater.chain.ChainEvent::eventType).toList();
        assertThat(types.subList(types.indexOf("lifecycle/stopping"), types.size()))
                .doesNotContain("message-server/received");
    }
}
