package dev.theater.handler.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.HandlerException;
import dev.theater.core.ActorStatus;
import dev.theater.handler.testing.Logs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error of the supervisor functions comes back to the parent as an {@code err} (the parent keeps running),
 * and a child never gets more than its parent: paths, handler types, handler configs and limits.
 */
class SupervisorErrorsGuestTest {

    @TempDir
    Path root;
    @TempDir
    Path home;

    private Path folder;
    private App app;

    @BeforeEach
    void start() throws Exception {
        folder = Files.createDirectories(root.resolve("app"));
        app = new App(folder, home);
        app.theater.start(app.write("parent.toml", App.parent("parent", "sup-parent", "",
                "[limits]\ncall_timeout_ms = 5000\n")));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private String spawnFailure(String manifest) {
        int before = app.logs.of("parent").size();
        app.tell("parent", "spawn " + manifest);
        return awaitLine(before);
    }

    private String awaitLine(int before) {
        long deadline = System.nanoTime() + Logs.WAIT.toNanos();
        while (app.logs.of("parent").size() <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the parent logged nothing new; it logged " + app.logs.of("parent"));
            }
            Thread.onSpinWait();
        }
        return app.logs.of("parent").get(before);
    }

    private String command(String command) {
        int before = app.logs.of("parent").size();
        app.tell("parent", command);
        return awaitLine(before);
    }

    @Test
    void aBadOrMissingManifestIsAnErrNamingFileAndLine() {
        app.write("bad.toml", "name = \"bad\"\ncomponent_path = 3\n");
        assertThat(spawnFailure("bad.toml")).isEqualTo("spawn failed: " + folder.resolve("bad.toml")
                + ":2: 'component_path' must be a string, found integer 3");
        assertThat(spawnFailure("missing.toml")).isEqualTo("spawn failed: " + folder.resolve("missing.toml")
                + ": cannot read manifest: no such file");
        assertThat(spawnFailure("name = \"x\"\ncomponent_path = \"sup-child.wasm\"\n[[handlers]]\ntype = \"runtime\"\n"
                + "[[handlers]]\ntype = \"message-server\"\n[[handlers]]\ntype = \"timing\"\n")).isEqualTo("spawn failed:"
                + " <manifest from parent>:7: handler type 'timing' is not one its parent has; the parent has [runtime,"
                + " message-server, supervisor] (a child never gets more than its parent)");
        assertThat(app.theater.actor("parent").orElseThrow().status()).isEqualTo(ActorStatus.RUNNING);
    }

    @Test
    void aChildsPathsMayNotLeaveItsParentsFolder() throws Exception {
        Files.writeString(root.resolve("outside.toml"), App.worker("outside", ""));
        Files.writeString(root.resolve("secret.json"), "{\"secret\":1}");
        assertThat(spawnFailure("../outside.toml")).isEqualTo("spawn failed: ../outside.toml: resolves to "
                + root.resolve("outside.toml") + ", outside " + folder + " (a child's manifest may not reach outside its"
                + " parent's folder)");
        assertThat(spawnFailure(App.worker("w", "").replace("component_path", "init_state = \"../secret.json\"\ncomponent_path")))
                .isEqualTo("spawn failed: <manifest from parent>:2: 'init_state' resolves to " + root.resolve("secret.json")
                        + ", outside " + folder + " (a child's manifest may not reach outside its parent's folder)");
        assertThat(spawnFailure(App.worker("w", "").replace("component_path", "init_state = \"/etc/passwd\"\ncomponent_path")))
                .isEqualTo("spawn failed: <manifest from parent>:2: 'init_state' resolves to /etc/passwd, outside " + folder
                        + " (a child's manifest may not reach outside its parent's folder)");
        Files.createSymbolicLink(folder.resolve("link.json"), root.resolve("secret.json"));
        assertThat(spawnFailure(App.worker("w", "").replace("component_path", "init_state = \"link.json\"\ncomponent_path")))
                .isEqualTo("spawn failed: <manifest from parent>:2: 'init_state' resolves to " + folder.resolve("link.json")
                        + ", a link to " + root.resolve("secret.json").toRealPath() + ", outside " + folder
                        + " (a child's manifest may not reach outside its parent's folder)");
    }

    @Test
    void aChildsLimitsAndHandlerConfigsMayNotExceedItsParents() {
        assertThat(spawnFailure(App.worker("w", "[limits]\ncall_timeout_ms = 60000\n"))).isEqualTo("spawn failed:"
                + " <manifest from parent>:8: 'limits.call_timeout_ms' = 60000 is more than its parent's 5000 (a child"
                + " never gets more than its parent)");
        app.theater.start(app.write("strict.toml", App.parent("strict", "sup-parent", "", "").replace(
                "type = \"message-server\"\n", "type = \"message-server\"\nconfig = { request_timeout_ms = 1000 }\n")));
        app.tell("strict", "spawn " + App.worker("w", "").replace("type = \"message-server\"\n",
                "type = \"message-server\"\nconfig = { request_timeout_ms = 2000 }\n"));
        app.tell("strict", "spawn worker.toml");
        app.tell("strict", "spawn " + App.worker("w", "").replace("type = \"message-server\"\n",
                "type = \"message-server\"\nconfig = { request_timeout_ms = 900 }\n"));
        app.logs.await("strict", "spawned strict.w-1");
        assertThat(app.logs.of("strict")).containsExactly("spawn failed: <manifest from strict>:5: handler"
                + " 'message-server': config key 'request_timeout_ms' = 2000 is more than the parent's 1000; set it to at"
                + " most 1000 (a child never gets more than its parent)", "spawn failed: " + folder.resolve("worker.toml")
                + ":5: handler 'message-server': config key 'request_timeout_ms' = 30000 (the default) is more than the"
                + " parent's 1000; set it to at most 1000 (a child never gets more than its parent)", "spawned strict.w-1");
        // left out, a limit is the parent's when that is smaller than the default
        assertThat(command("spawn worker.toml")).isEqualTo("spawned parent.worker-1");
        app.write("slow.toml", App.worker("slow", "[limits]\ncall_timeout_ms = 300\n"));
        assertThat(command("spawn slow.toml")).isEqualTo("spawned parent.slow-1");
    }

    @Test
    void aChildWhoseInitFailsIsAnErrAndLeavesNothingBehind() {
        assertThat(command("spawn-init poison worker.toml")).isEqualTo("spawn failed: actor 'parent.worker-1':"
                + " theater:simple/actor#init returned an error: poisoned");
        assertThat(app.theater.actorIds()).containsExactly("parent");
        assertThat(command("spawn worker.toml")).isEqualTo("spawned parent.worker-2"); // ids are never reused
    }

    @Test
    void aParentMayActOnlyOnItsOwnChildren() {
        app.write("mid.toml", App.parent("mid", "sup-parent", "", ""));
        assertThat(command("spawn mid.toml")).isEqualTo("spawned parent.mid-1");
        app.tell("parent.mid-1", "spawn worker.toml"); // a grandchild of parent
        app.logs.await("parent.mid-1", "spawned parent.mid-1.worker-1");
        for (String op : new String[] {"stop", "restart", "state", "events"}) {
            assertThat(command(op + " parent.mid-1.worker-1")).isEqualTo(op + " failed: 'parent.mid-1.worker-1' is"
                    + " not a child of actor 'parent'");
            assertThat(command(op + " nobody")).isEqualTo(op + " failed: 'nobody' is not a child of actor 'parent'");
            assertThat(command(op + " parent")).isEqualTo(op + " failed: 'parent' is not a child of actor 'parent'");
        }
        assertThat(app.theater.actorIds()).contains("parent.mid-1.worker-1");
    }

    @Test
    void getChildEventsRefusesAChainLongerThanTheConfiguredMost() {
        app.theater.start(app.write("short.toml", App.parent("short", "sup-parent", "max_child_events = 3", "")));
        app.tell("short", "spawn worker.toml");
        app.tell("short", "events short.worker-1");
        String line = app.logs.awaitStartingWith("short", "events failed: ");
        long events = app.theater.actor("short.worker-1").orElseThrow().chain().size();
        assertThat(line).isEqualTo("events failed: child 'short.worker-1' has " + events + " events; get-child-events"
                + " returns at most 3 (config max_child_events)");
    }

    @Test
    void badSupervisorConfigFailsTheParentsStartNamingKeyAndLine() {
        assertThatThrownBy(() -> app.theater.start(app.write("typo.toml", App.parent("typo", "sup-parent",
                "strategy = \"one_for_one\"", "")))).isInstanceOf(HandlerException.class).hasMessage("actor 'typo': "
                + folder.resolve("typo.toml") + ":7: handler 'supervisor': config key 'strategy' must be one of [none,"
                + " one-for-one, one-for-all, rest-for-one], found \"one_for_one\"");
        assertThatThrownBy(() -> app.theater.start(app.write("keys.toml", App.parent("keys", "sup-parent",
                "backoff = { initial = 5 }", "")))).isInstanceOf(HandlerException.class).hasMessage("actor 'keys': "
                + folder.resolve("keys.toml") + ":7: handler 'supervisor': config key 'backoff.initial' is not a known"
                + " key; the known keys are [initial_ms, max_ms, multiplier]");
        assertThatThrownBy(() -> app.theater.start(app.write("neg.toml", App.parent("neg", "sup-parent",
                "max_restarts = -1", "")))).isInstanceOf(HandlerException.class).hasMessage("actor 'neg': "
                + folder.resolve("neg.toml") + ":7: handler 'supervisor': config key 'max_restarts' must be within"
                + " 0..1000000, found -1");
    }
}
