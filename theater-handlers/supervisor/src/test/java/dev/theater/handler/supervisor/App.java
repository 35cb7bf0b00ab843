package dev.theater.handler.supervisor;

import dev.theater.core.ActorRef;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import dev.theater.handler.testing.GuestFolder;
import dev.theater.handler.testing.Logs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A parent's folder for the supervisor tests: the sup-parent, sup-quiet and sup-child guests copied into it (a
 * child's files must be inside its parent's folder), manifests written into it, and a Theater with the runtime,
 * message-server and supervisor handlers whose every log line {@link Logs} keeps.
 */
final class App extends GuestFolder {

    final Logs logs;

    App(Path folder, Path home) {
        this(folder, home, new Logs());
    }

    private App(Path folder, Path home, Logs logs) {
        super(folder, builder(home).chainListeners(logs).addProvider(new RuntimeHandlerProvider())
                .addProvider(new MessageServerHandlerProvider()).addProvider(new SupervisorHandlerProvider()),
                "sup-parent", "sup-quiet", "sup-child");
        this.logs = logs;
        write("worker.toml", worker("worker", ""));
    }

    /** A sup-child manifest named {@code name} with runtime and message-server, plus {@code extra} TOML. */
    static String worker(String name, String extra) {
        return manifestStart(name, "sup-child") + extra;
    }

    /** A parent manifest: {@code guest} (sup-parent or sup-quiet) with runtime, message-server and supervisor. */
    static String parent(String name, String guest, String supervisorConfig, String extra) {
        return manifestStart(name, guest) + handler("supervisor", supervisorConfig) + extra;
    }

    /** Starts a top-level parent from manifest text written to {@code <name>.toml}. */
    ActorRef startParent(String name, String supervisorConfig) {
        return theater.start(write(name + ".toml", parent(name, "sup-parent", supervisorConfig, "")));
    }

    /** Sends {@code command} to {@code actor} and waits until it was handled. */
    void tell(String actor, String command) {
        theater.actor(actor).orElseThrow(() -> new AssertionError("no running actor '" + actor + "'; running: "
                + theater.actorIds())).send(command.getBytes(StandardCharsets.UTF_8)).join();
    }

    /** Sends {@code command} to {@code actor} without waiting (a child that will trap on it). */
    void post(String actor, String command) {
        theater.actor(actor).orElseThrow().send(command.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Waits until {@code actor} logged its init line {@code line} (the {@code times}-th time: that incarnation has
     * started) and runs: init logs before it returns, and the actor runs once it has.
     */
    void awaitInit(String actor, String line, int times) {
        logs.await(actor, line, times);
        long deadline = System.nanoTime() + Logs.WAIT.toNanos();
        while (theater.actor(actor).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("actor '" + actor + "' logged '" + line + "' but is not running");
            }
            Thread.onSpinWait();
        }
    }

    void awaitInit(String actor, String line) {
        awaitInit(actor, line, 1);
    }

    String state(String actor) {
        return new String(theater.actor(actor).orElseThrow().state().orElseThrow(), StandardCharsets.UTF_8);
    }
}
