package dev.theater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime-wide guest memory budget, with the {@code hog} guest (test-actors/hog): a grow past the budget or
 * past the actor's own cap fails inside the guest ({@code memory.grow} = -1), the actor goes on, and pages come
 * back when an actor stops.
 */
class GuestMemoryBudgetTest {

    private static final long PAGE = 65_536;

    @TempDir
    Path home;

    private final ProbeProvider probe = new ProbeProvider();
    private Theater theater;

    @AfterEach
    void close() {
        if (theater != null) {
            theater.close();
        }
    }

    private Theater theater(long budgetBytes) {
        theater = Theater.builder().home(home).serviceLoader(false).addProvider(probe).memoryBudget(budgetBytes).build();
        return theater;
    }

    private ActorRef hog(String id, String limits) {
        return theater.start("name = \"" + id + "\"\ncomponent_path = \""
                + TestActors.wasm("hog").toString().replace("\\", "/") + "\"\n[[handlers]]\ntype = \"probe\"\n" + limits, home);
    }

    private static String state(ActorRef actor) {
        return new String(actor.state().orElseThrow(), StandardCharsets.UTF_8);
    }

    private void send(ActorRef actor, String message) {
        actor.send(message.getBytes(StandardCharsets.UTF_8)).join();
    }

    @Test
    void twentyActorsGrowingWithinTheirCapsShareTheBudgetAndTheOnesThatDoNotFitSeeMinusOne() {
        theater(200 * PAGE); // each hog starts with 1 page; 20 of them and two grows of 80 fit, a third does not
        List<ActorRef> hogs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hogs.add(hog("hog-" + i, ""));
        }
        for (ActorRef hog : hogs) {
            send(hog, "grow 80");
        }
        assertThat(probe.logs.stream().filter(l -> l.endsWith("grow 80 -> 1")).count()).isEqualTo(2);
        assertThat(probe.logs.stream().filter(l -> l.endsWith("grow 80 -> -1")).count()).isEqualTo(18);
        assertThat(hogs).allSatisfy(h -> assertThat(h.status()).isEqualTo(ActorStatus.RUNNING));
        assertThat(hogs.stream().map(GuestMemoryBudgetTest::state).filter("81"::equals).count()).isEqualTo(2);

        ActorRef big = hogs.stream().filter(h -> state(h).equals("81")).findFirst().orElseThrow();
        send(big, "fill"); // the pages it got are really there
        assertThat(probe.logs).contains(big.id() + ": filled 81");
        big.stop();
        ActorRef other = hogs.stream().filter(h -> state(h).equals("1")).findFirst().orElseThrow();
        send(other, "grow 80"); // the stopped actor's 81 pages went back to the budget
        assertThat(probe.logs).contains(other.id() + ": grow 80 -> 1");
    }

    @Test
    void aGrowPastTheActorsOwnCapFailsInsideTheGuest() {
        theater(1024 * PAGE);
        ActorRef capped = hog("capped", "[limits]\nmax_memory_pages = 4\n");
        send(capped, "grow 3");
        send(capped, "grow 1");
        assertThat(probe.logs).containsExactly("capped: grow 3 -> 1", "capped: grow 1 -> -1");
        assertThat(state(capped)).isEqualTo("4");
        assertThat(capped.status()).isEqualTo(ActorStatus.RUNNING);
    }

    @Test
    void aStartThatDoesNotFitTheBudgetFailsNamingItAndFreesWhatItTook() throws Exception {
        theater(2 * PAGE);
        ActorRef first = hog("first", "");
        send(first, "grow 1"); // the budget is now full
        assertThatThrownBy(() -> hog("second", ""))
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("actor 'second': " + TestActors.wasm("hog") + ": the module needs 1 pages (64 KiB) of memory"
                        + " at start, but the runtime's guest memory budget has 0 KiB of 128 KiB left");
        assertThat(theater.actorIds()).containsExactly("first");
        first.stop();
        assertThat(first.stopped().get(10, TimeUnit.SECONDS)).isEqualTo(ActorStatus.STOPPED);
        assertThat(hog("second", "").status()).isEqualTo(ActorStatus.RUNNING); // the id, the chain and the pages are free
    }
}
