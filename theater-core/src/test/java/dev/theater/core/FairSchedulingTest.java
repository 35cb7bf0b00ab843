package dev.theater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.ActorCallException;
import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No guest can freeze the others: guests run on platform threads the OS time-slices, so spinning actors (more of
 * them than this machine has cores) delay a healthy actor by a share of the CPU, never until their deadlines.
 */
class FairSchedulingTest {

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

    private ActorRef start(String guest, String id, String limits) {
        return theater.start("name = \"" + id + "\"\ncomponent_path = \"" + TestActors.wasm(guest).toString().replace("\\", "/")
                + "\"\n[[handlers]]\ntype = \"probe\"\n" + limits, home);
    }

    @Test
    void aHealthyActorAnswers100CallsWhileFourActorsSpinUntilTheirTenSecondDeadline() throws Exception {
        theater = Theater.builder().home(home).serviceLoader(false).addProvider(probe).build();
        List<ActorRef> spinners = new ArrayList<>();
        List<CompletableFuture<Void>> spins = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ActorRef spinner = start("lifecycle", "spinner-" + i, "[limits]\ncall_timeout_ms = 10000\n");
            spinners.add(spinner);
            spins.add(spinner.send("spin".getBytes(StandardCharsets.UTF_8)));
        }
        for (ActorRef spinner : spinners) {
            while (spinner.actor().queuedCalls() > 0) { // wait until each spin call has a thread and runs
                Thread.onSpinWait();
            }
        }
        ActorRef healthy = start("lifecycle", "healthy", "");
        for (int i = 0; i < 100; i++) {
            healthy.send(("hello " + i).getBytes(StandardCharsets.UTF_8)).join();
        }
        // every spinner is still inside its first call: the healthy actor did not wait for any deadline
        assertThat(spins).allSatisfy(spin -> assertThat(spin).isNotDone());
        assertThat(new String(healthy.state().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("hello 99");
        for (ActorRef spinner : spinners) {
            spinner.stop(); // interrupts the spin after the handler stop deadline
        }
        for (CompletableFuture<Void> spin : spins) {
            assertThat(spin).failsWithin(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aGuestThatExhaustsTheStackFailsItselfOnly() {
        theater = Theater.builder().home(home).serviceLoader(false).addProvider(probe).build();
        ActorRef deep = start("hog", "deep", "");
        ActorRef healthy = start("lifecycle", "healthy", "");

        deep.send("recurse 1000".getBytes(StandardCharsets.UTF_8)).join();
        assertThat(probe.logs).contains("deep: recursed " + expectedSum(1000));
        CompletionException failure = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> deep.send("recurse 100000000".getBytes(StandardCharsets.UTF_8)).join());

        ActorCallException call = (ActorCallException) failure.getCause();
        assertThat(call.kind()).isEqualTo(ActorCallException.Kind.TRAP);
        assertThat(call).hasMessage("actor 'deep': " + TestActors.wasm("hog")
                + ": export 'theater:simple/message-server-client#handle-send' trapped: call stack exhausted");
        assertThat(deep.stopped().join()).isEqualTo(ActorStatus.FAILED);
        healthy.send("still here".getBytes(StandardCharsets.UTF_8)).join();
        assertThat(healthy.status()).isEqualTo(ActorStatus.RUNNING);
    }

    /** What hog's recurse(n) computes: n + 3 * recurse(n - 1), recurse(0) = 0, in 32-bit arithmetic. */
    private static String expectedSum(int n) {
        int sum = 0;
        for (int i = 1; i <= n; i++) {
            sum = i + sum * 3;
        }
        return Integer.toUnsignedString(sum);
    }
}
