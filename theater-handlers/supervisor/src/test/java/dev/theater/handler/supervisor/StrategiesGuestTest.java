package dev.theater.handler.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.handler.testing.Logs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The declarative strategies, with real guests: which children restart, permanent vs transient, intensity, backoff. */
class StrategiesGuestTest {

    @TempDir
    Path folder;
    @TempDir
    Path home;

    private App app;

    private App app() {
        if (app == null) {
            app = new App(folder, home);
        }
        return app;
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    /** Starts {@code parent} with {@code config} and three workers, each told "inc" once (state "1"). */
    private App threeWorkers(String config) {
        App a = app();
        a.startParent("parent", config);
        for (int i = 1; i <= 3; i++) {
            a.tell("parent", "spawn worker.toml");
            a.tell("parent.worker-" + i, "inc");
        }
        return a;
    }

    private static String init(int worker, String state) {
        return "init parent.worker-" + worker + " " + state;
    }

    @Test
    void oneForOneRestartsTheFailedChildAloneWithItsState() {
        App a = threeWorkers("strategy = \"one-for-one\"");
        a.tell("parent.worker-2", "inc");
        a.post("parent.worker-2", "crash");
        a.awaitInit("parent.worker-2", init(2, "2"));
        a.logs.awaitStartingWith("parent", "child-error parent.worker-2 internal ");
        assertThat(a.logs.of("parent.worker-1")).containsExactly(init(1, "none"));
        assertThat(a.logs.of("parent.worker-3")).containsExactly(init(3, "none"));
        assertThat(a.state("parent.worker-2")).isEqualTo("2");
        assertThat(a.theater.actor("parent").orElseThrow().children())
                .containsExactly("parent.worker-1", "parent.worker-3", "parent.worker-2");
        ActorRef parent = a.theater.actor("parent").orElseThrow();
        awaitRestarted(parent, 1); // recorded once the restart returned, which may be after the new init logged
        List<String> types = parent.chain().stream().map(ChainEvent::eventType)
                .filter(t -> t.startsWith("supervisor/restart")).toList();
        assertThat(types).containsExactly("supervisor/restarting", "supervisor/restarted");
    }

    @Test
    void oneForAllRestartsEveryChild() {
        App a = threeWorkers("strategy = \"one-for-all\"");
        a.post("parent.worker-2", "crash");
        for (int i = 1; i <= 3; i++) {
            a.awaitInit("parent.worker-" + i, init(i, "1"));
        }
        assertThat(a.logs.of("parent.worker-1")).containsExactly(init(1, "none"), init(1, "1"));
        assertThat(a.theater.actorIds()).containsExactlyInAnyOrder("parent", "parent.worker-1", "parent.worker-2",
                "parent.worker-3");
    }

    @Test
    void restForOneRestartsTheFailedChildAndTheYoungerOnes() {
        App a = threeWorkers("strategy = \"rest-for-one\"");
        a.post("parent.worker-2", "crash");
        a.awaitInit("parent.worker-2", init(2, "1"));
        a.awaitInit("parent.worker-3", init(3, "1"));
        assertThat(a.logs.of("parent.worker-1")).containsExactly(init(1, "none"));
        assertThat(a.logs.of("parent.worker-3")).containsExactly(init(3, "none"), init(3, "1"));
    }

    @Test
    void aRestartedChildKeepsItsPlaceInTheStartOrder() {
        App a = threeWorkers("strategy = \"rest-for-one\"");
        a.tell("parent", "restart parent.worker-1"); // worker-1 is still the oldest, as in OTP
        a.logs.await("parent", "restarted parent.worker-1");
        a.post("parent.worker-2", "crash");
        a.awaitInit("parent.worker-2", init(2, "1"));
        a.awaitInit("parent.worker-3", init(3, "1"));
        assertThat(a.logs.of("parent.worker-1")).containsExactly(init(1, "none"), init(1, "1"));
    }

    @Test
    void permanentChildrenRestartAfterAnExitTransientOnesDoNot() {
        App a = app();
        a.startParent("perm", "strategy = \"one-for-one\", restart = \"permanent\"");
        a.startParent("trans", "strategy = \"one-for-one\", restart = \"transient\"");
        a.tell("perm", "spawn worker.toml");
        a.tell("trans", "spawn worker.toml");
        a.tell("perm.worker-1", "exit done");
        a.tell("trans.worker-1", "exit done");
        a.logs.await("perm", "child-exit perm.worker-1 done");
        a.logs.await("trans", "child-exit trans.worker-1 done");
        a.awaitInit("perm.worker-1", "init perm.worker-1 0"); // started again, with the state it had ("0")
        ActorRef perm = a.theater.actor("perm").orElseThrow();
        assertThat(perm.children()).containsExactly("perm.worker-1");
        assertThat(a.theater.actor("trans.worker-1")).isEmpty();

        a.tell("trans", "spawn worker.toml"); // a transient child that fails is restarted all the same
        a.post("trans.worker-2", "crash");
        a.awaitInit("trans.worker-2", "init trans.worker-2 0");
    }

    @Test
    void pastItsIntensityTheParentFailsAndItsOwnSupervisorIsTold() {
        App a = app();
        a.startParent("top", "");
        a.write("mid.toml", App.parent("mid", "sup-parent", "strategy = \"one-for-one\", max_restarts = 2, window_ms = 60000", ""));
        a.tell("top", "spawn mid.toml");
        a.tell("top.mid-1", "spawn worker.toml");
        String worker = "top.mid-1.worker-1";
        for (int restart = 1; restart <= 2; restart++) {
            a.post(worker, "crash");
            a.awaitInit(worker, "init " + worker + " 0", restart);
        }
        a.post(worker, "crash"); // the third failure within the window: mid gives up
        String told = a.logs.awaitStartingWith("top", "child-error top.mid-1 ");
        assertThat(told).isEqualTo("child-error top.mid-1 internal {\"cause\":\"failed\",\"reason\":\"restart intensity"
                + " exceeded: 2 restarts within 60000 ms, then '" + worker + "' failed (" + folder.resolve("sup-child.wasm")
                + ": export 'theater:simple/message-server-client#handle-send' trapped: Trapped on unreachable instruction)\"}");
        assertThat(a.theater.actorIds()).containsExactly("top");
    }

    @Test
    void restartsOfTheSameChildWaitOutTheBackoff() throws Exception {
        App a = app();
        ActorRef parent = a.startParent("parent",
                "strategy = \"one-for-one\", max_restarts = 10, backoff = { initial_ms = 100, max_ms = 1000, multiplier = 3.0 }");
        a.tell("parent", "spawn worker.toml");
        for (int restart = 1; restart <= 3; restart++) {
            a.post("parent.worker-1", "crash");
            a.awaitInit("parent.worker-1", "init parent.worker-1 0", restart);
        }
        awaitRestarted(parent, 3);
        List<ChainEvent> events = parent.chain();
        List<Long> delays = events.stream().filter(e -> e.eventType().equals("supervisor/restarting"))
                .map(e -> Long.parseLong(e.dataAsString().replaceAll(".*\"delay_ms\":(\\d+).*", "$1"))).toList();
        assertThat(delays).containsExactly(100L, 300L, 900L);
        List<Long> ended = times(events, "supervisor/child-ended");
        List<Long> restarted = times(events, "supervisor/restarted");
        for (int i = 0; i < 3; i++) { // measured: each restart came no sooner than its delay after the failure
            assertThat(restarted.get(i) - ended.get(i)).isGreaterThanOrEqualTo(delays.get(i));
        }
        System.out.println("backoff: delays " + delays + " ms; measured failure-to-restart "
                + List.of(restarted.get(0) - ended.get(0), restarted.get(1) - ended.get(1), restarted.get(2) - ended.get(2)) + " ms");
    }

    @Test
    void aRestartWhoseInitFailsIsReportedAndTheChildIsGone() {
        App a = app();
        a.startParent("parent", "strategy = \"one-for-one\"");
        a.tell("parent", "spawn worker.toml");
        a.tell("parent.worker-1", "set poison"); // its next init returns err("poisoned")
        a.post("parent.worker-1", "crash");
        a.logs.await("parent", "child-error parent.worker-1 internal {\"cause\":\"failed\",\"reason\":\"restart failed:"
                + " actor 'parent.worker-1': theater:simple/actor#init returned an error: poisoned\"}");
        assertThat(a.theater.actor("parent.worker-1")).isEmpty();
        assertThat(a.theater.actor("parent").orElseThrow().status()).isEqualTo(ActorStatus.RUNNING);
    }

    @Test
    void underStrategyNoneTheParentRestartsAFailedChildItself() {
        App a = app();
        a.startParent("parent", "");
        a.tell("parent", "spawn worker.toml");
        a.tell("parent.worker-1", "inc");
        a.post("parent.worker-1", "crash");
        a.logs.awaitStartingWith("parent", "child-error parent.worker-1 ");
        a.tell("parent", "restart parent.worker-1");
        a.logs.await("parent", "restarted parent.worker-1");
        assertThat(a.logs.await("parent.worker-1", "init parent.worker-1 1")).containsExactly(
                "init parent.worker-1 none", "init parent.worker-1 1");
    }

    /** Waits until {@code parent}'s chain holds {@code n} supervisor/restarted events (recorded once a restart returned). */
    private static void awaitRestarted(ActorRef parent, int n) {
        long deadline = System.nanoTime() + Logs.WAIT.toNanos();
        while (times(parent.chain(), "supervisor/restarted").size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static List<Long> times(List<ChainEvent> events, String type) {
        return events.stream().filter(e -> e.eventType().equals(type)).map(ChainEvent::timestamp).toList();
    }

}
