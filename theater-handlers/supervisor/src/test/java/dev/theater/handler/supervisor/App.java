package dev.theater.handler.supervisor;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A parent's folder for the supervisor tests: the sup-parent, sup-quiet and sup-child guests copied into it (a
 * child's files must be inside its parent's folder), manifests written into it, and a Theater with the runtime,
 * message-server and supervisor handlers whose every log line {@link Logs} keeps.
 */
final class App implements AutoCloseable {

    static final Path TEST_ACTORS = Path.of(System.getProperty("theater.testActors", "../../test-actors"));

    final Path folder;
    final Logs logs = new Logs();
    final Theater theater;

    App(Path folder, Path home) {
        this.folder = folder;
        for (String guest : new String[] {"sup-parent", "sup-quiet", "sup-child"}) {
            copy(TEST_ACTORS.resolve(guest).resolve(guest + ".wasm"), folder.resolve(guest + ".wasm"));
        }
        write("worker.toml", worker("worker", ""));
        theater = Theater.builder().home(home).serviceLoader(false).chainListeners(logs)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider())
                .addProvider(new SupervisorHandlerProvider()).build();
    }

    /** A sup-child manifest named {@code name} with runtime and message-server, plus {@code extra} TOML. */
    static String worker(String name, String extra) {
        return "name = \"" + name + "\"\ncomponent_path = \"sup-child.wasm\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n" + extra;
    }

    /** A parent manifest: {@code guest} (sup-parent or sup-quiet) with runtime, message-server and supervisor. */
    static String parent(String name, String guest, String supervisorConfig, String extra) {
        return "name = \"" + name + "\"\ncomponent_path = \"" + guest + ".wasm\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n"
                + "[[handlers]]\ntype = \"supervisor\"\n"
                + (supervisorConfig.isEmpty() ? "" : "config = { " + supervisorConfig + " }\n") + extra;
    }

    Path write(String file, String text) {
        try {
            Path path = folder.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        theater.close();
    }
}
