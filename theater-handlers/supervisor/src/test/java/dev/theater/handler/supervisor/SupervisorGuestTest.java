package dev.theater.handler.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.core.ActorTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function of {@code theater:simple/supervisor} and every notification of {@code supervisor-handlers} through
 * real guests (test-actors/README.md: sup-parent, sup-quiet, sup-child), and the tree the runtime keeps.
 */
class SupervisorGuestTest {

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

    @Test
    void spawnListStateEventsRestartAndStopAChild() throws Exception {
        App a = app();
        ActorRef parent = a.startParent("parent", "");
        a.tell("parent", "spawn worker.toml");
        a.logs.await("parent", "spawned parent.worker-1");
        a.logs.await("parent.worker-1", "init parent.worker-1 none");
        assertThat(parent.children()).containsExactly("parent.worker-1");
        assertThat(a.theater.actor("parent.worker-1").orElseThrow().parent()).contains("parent");

        a.tell("parent.worker-1", "inc");
        a.tell("parent", "list");
        a.tell("parent", "state parent.worker-1");
        a.tell("parent", "events parent.worker-1");
        a.logs.awaitStartingWith("parent", "events "); // lines reach the test through a subscription: wait for the last
        List<ChainEvent> chain = a.theater.actor("parent.worker-1").orElseThrow().chain();
        assertThat(a.logs.of("parent")).containsExactly("spawned parent.worker-1", "children: parent.worker-1",
                "state parent.worker-1: 1", "events parent.worker-1: " + chain.size() + " lifecycle/starting "
                        + chain.getLast().eventType() + " " + HexFormat.of().formatHex(chain.getLast().hash().bytes()));
        assertThat(chain.getFirst().dataAsString()).isEqualTo("{\"reason\":\"" + folder.resolve("worker.toml")
                + "\",\"parent\":\"parent\"}");

        a.tell("parent", "restart parent.worker-1");
        a.logs.await("parent", "restarted parent.worker-1");
        a.logs.await("parent.worker-1", "init parent.worker-1 1");
        assertThat(a.logs.of("parent.worker-1")).containsExactly("init parent.worker-1 none", "init parent.worker-1 1");
        assertThat(a.state("parent.worker-1")).isEqualTo("1"); // the same id, its last state

        a.tell("parent", "stop parent.worker-1");
        a.logs.await("parent", "child-external-stop parent.worker-1");
        a.tell("parent", "list");
        a.logs.await("parent", "children: ");
        assertThat(a.logs.of("parent")).endsWith("restarted parent.worker-1", "stopped parent.worker-1",
                "child-external-stop parent.worker-1", "children: ");
        assertThat(a.theater.actorIds()).containsExactly("parent");
    }

    @Test
    void spawnGivesInitTheBytesOrTheManifestStateAndResumeReplacesIt() throws Exception {
        App a = app();
        Files.writeString(folder.resolve("seven.json"), "7");
        a.write("stateful.toml", App.worker("stateful", "").replace("component_path", "init_state = \"seven.json\"\ncomponent_path"));
        a.startParent("parent", "");
        a.tell("parent", "spawn stateful.toml");
        a.tell("parent", "spawn-init 41 stateful.toml");
        a.tell("parent", "resume - stateful.toml");
        a.tell("parent", "resume 9 stateful.toml");
        a.logs.await("parent", "resumed parent.stateful-4");
        a.logs.awaitStartingWith("parent.stateful-4", "init ");
        assertThat(a.logs.of("parent")).containsExactly("spawned parent.stateful-1", "spawned parent.stateful-2",
                "resumed parent.stateful-3", "resumed parent.stateful-4");
        assertThat(a.logs.of("parent.stateful-1")).containsExactly("init parent.stateful-1 7");
        assertThat(a.logs.of("parent.stateful-2")).containsExactly("init parent.stateful-2 41");
        assertThat(a.logs.of("parent.stateful-3")).containsExactly("init parent.stateful-3 none");
        assertThat(a.logs.of("parent.stateful-4")).containsExactly("init parent.stateful-4 9");
    }

    @Test
    void aManifestMayBeGivenAsText() {
        App a = app();
        a.startParent("parent", "");
        a.tell("parent", "spawn " + App.worker("inline", ""));
        assertThat(a.logs.await("parent", "spawned parent.inline-1")).containsExactly("spawned parent.inline-1");
        a.logs.await("parent.inline-1", "init parent.inline-1 none");
    }

    @Test
    void theParentIsToldWhenAChildFailsExitsOrTimesOut() {
        App a = app();
        a.write("slow.toml", App.worker("slow", "[limits]\ncall_timeout_ms = 200\n"));
        a.startParent("parent", "");
        a.tell("parent", "spawn worker.toml");
        a.tell("parent", "spawn worker.toml");
        a.tell("parent", "spawn slow.toml");

        a.post("parent.worker-1", "crash");
        String crash = a.logs.awaitStartingWith("parent", "child-error parent.worker-1 ");
        assertThat(crash).isEqualTo("child-error parent.worker-1 internal {\"cause\":\"failed\",\"kind\":\"trap\","
                + "\"call\":\"theater:simple/message-server-client#handle-send\",\"reason\":\"" + folder.resolve("sup-child.wasm")
                + ": export 'theater:simple/message-server-client#handle-send' trapped: Trapped on unreachable instruction\"}");

        a.tell("parent.worker-2", "exit {\"bye\":2}");
        a.logs.await("parent", "child-exit parent.worker-2 {\"bye\":2}");

        a.post("parent.slow-1", "spin");
        assertThat(a.logs.awaitStartingWith("parent", "child-error parent.slow-1 ")).isEqualTo(
                "child-error parent.slow-1 operation-timeout {\"cause\":\"failed\",\"kind\":\"timeout\",\"call\":"
                        + "\"theater:simple/message-server-client#handle-send\",\"reason\":\"theater:simple/message-server-client"
                        + "#handle-send exceeded its deadline of 200 ms and was stopped\"}");
        assertThat(a.theater.actorIds()).containsExactly("parent"); // strategy none: nothing restarted
    }

    @Test
    void aParentWithoutTheNotificationExportsStillWorks() {
        App a = app();
        a.theater.start(a.write("quiet.toml", App.parent("quiet", "sup-quiet", "", "")));
        a.tell("quiet", "spawn worker.toml");
        a.post("quiet.worker-1", "crash");
        ActorRef quiet = a.theater.actor("quiet").orElseThrow();
        waitFor(() -> quiet.chain().stream().anyMatch(e -> e.eventType().equals("supervisor/notification-skipped")));
        ChainEvent skipped = quiet.chain().stream().filter(e -> e.eventType().equals("supervisor/notification-skipped"))
                .findFirst().orElseThrow();
        assertThat(skipped.dataAsString()).isEqualTo("{\"child\":\"quiet.worker-1\",\"export\":"
                + "\"theater:simple/supervisor-handlers#handle-child-error\"}");
        assertThat(quiet.status()).isEqualTo(ActorStatus.RUNNING);
    }

    @Test
    void stoppingOrFailingAParentStopsItsChildrenFirstAndTheTreeShowsThem() throws Exception {
        App a = app();
        a.theater.start(a.write("top.toml", App.parent("top", "sup-parent", "", "")));
        a.write("mid.toml", App.parent("mid", "sup-parent", "", ""));
        a.tell("top", "spawn mid.toml");
        a.tell("top.mid-1", "spawn worker.toml");
        a.tell("top.mid-1", "spawn worker.toml");
        assertThat(a.theater.tree()).containsExactly(new ActorTree("top", ActorStatus.RUNNING, List.of(
                new ActorTree("top.mid-1", ActorStatus.RUNNING, List.of(
                        new ActorTree("top.mid-1.worker-1", ActorStatus.RUNNING, List.of()),
                        new ActorTree("top.mid-1.worker-2", ActorStatus.RUNNING, List.of()))))));

        a.post("top.mid-1", "crash"); // the middle parent fails: its children stop first, then top hears of it
        a.logs.awaitStartingWith("top", "child-error top.mid-1 internal");
        assertThat(a.logs.await("top.mid-1", "spawned top.mid-1.worker-2")).containsExactly("spawned top.mid-1.worker-1", "spawned top.mid-1.worker-2");
        assertThat(a.theater.actorIds()).containsExactly("top");
        for (String worker : List.of("top.mid-1.worker-1", "top.mid-1.worker-2")) {
            List<ChainEvent> chain = dev.theater.chain.ChainStore.readFile(a.theater.chains().fileOf(worker));
            assertThat(chain.getLast().eventType()).isEqualTo("lifecycle/stopped");
            assertThat(chain.getLast().dataAsString()).isEqualTo("{\"reason\":\"its parent 'top.mid-1' is stopping\"}");
        }
        List<ChainEvent> mid = dev.theater.chain.ChainStore.readFile(a.theater.chains().fileOf("top.mid-1"));
        assertThat(mid.stream().map(ChainEvent::eventType).filter(t -> t.startsWith("supervisor/child-ended")).count())
                .isEqualTo(2); // both children ended before the middle parent closed its chain

        a.tell("top", "spawn worker.toml");
        a.theater.actor("top").orElseThrow().stop();
        assertThat(a.theater.tree()).isEmpty();
        assertThat(a.theater.actorIds()).isEmpty();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 20 s");
            }
            Thread.onSpinWait();
        }
    }
}
