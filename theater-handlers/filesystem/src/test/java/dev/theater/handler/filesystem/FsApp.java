package dev.theater.handler.filesystem;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ChainEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An app folder for the filesystem tests: the fs-probe guest copied into it, manifests written into it (so a config
 * {@code path} is a folder under a temporary folder), and a Theater with the runtime, message-server and filesystem
 * handlers. Commands to fs-probe are fields joined by 0x1f (test-actors/README.md, "fs-probe").
 */
final class FsApp implements AutoCloseable {

    static final Path TEST_ACTORS = Path.of(System.getProperty("theater.testActors", "../../test-actors"));
    static final String LOG = "theater:simple/runtime/log";
    static final char SEP = '\u001f';

    final Path folder;
    final Theater theater;

    FsApp(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    FsApp(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        this.folder = folder;
        copy(TEST_ACTORS.resolve("fs-probe/fs-probe.wasm"), folder.resolve("fs-probe.wasm"));
        theater = options.apply(Theater.builder().home(home).serviceLoader(false)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider())
                .addProvider(new FilesystemHandlerProvider())).build();
    }

    /** A manifest of fs-probe with runtime, message-server and filesystem with {@code config} (TOML inline-table body). */
    static String manifest(String name, String config) {
        return "name = \"" + name + "\"\ncomponent_path = \"fs-probe.wasm\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n[[handlers]]\n"
                + "type = \"filesystem\"\n" + (config.isEmpty() ? "" : "config = { " + config + " }\n");
    }

    ActorRef probe(String name, String config) {
        return theater.start(write(name + ".toml", manifest(name, config)));
    }

    Path write(String file, String text) {
        try {
            Path path = folder.resolve(file);
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line {@code actor} logged so far, oldest first. */
    static List<String> logs(ActorRef actor) {
        List<String> lines = new ArrayList<>();
        for (ChainEvent e : actor.chain()) {
            if (e.eventType().equals(LOG)) {
                JObject call = (JObject) JsonReader.parse(e.data());
                lines.add(((JString) ((JObject) call.get("args").orElseThrow()).get("msg").orElseThrow()).value());
            }
        }
        return lines;
    }

    /** Sends the command (fields joined by 0x1f), waits until it was handled; the lines it logged. */
    static List<String> command(ActorRef actor, String... fields) {
        byte[] message = String.join(String.valueOf(SEP), fields).getBytes(StandardCharsets.UTF_8);
        int before = logs(actor).size();
        try {
            actor.send(message).get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("sending " + String.join(" ", fields) + " to '" + actor.id() + "' failed", e);
        }
        List<String> all = logs(actor);
        return all.subList(before, all.size());
    }

    /** The one line the command logged. */
    static String one(ActorRef actor, String... fields) {
        List<String> lines = command(actor, fields);
        if (lines.size() != 1) {
            throw new AssertionError("expected one line from " + String.join(" ", fields) + ", got " + lines);
        }
        return lines.getFirst();
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
