package dev.theater.handler.store;

import dev.theater.chain.ChainEvent;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ManifestParser;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An app folder for the store tests: the store-probe and store-writer guests copied into it (so that a config
 * {@code path} puts stores under a temporary folder, not the repository), manifests written into it, and a Theater
 * with the runtime, message-server and store handlers. Commands to store-probe are fields joined by 0x1f.
 */
final class StoreApp implements AutoCloseable {

    static final Path TEST_ACTORS = Path.of(System.getProperty("theater.testActors", "../../test-actors"));
    static final String LOG = "theater:simple/runtime/log";
    static final char SEP = '\u001f';

    final Path folder;
    final Path home;
    final Theater theater;

    StoreApp(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    StoreApp(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        this.folder = folder;
        this.home = home;
        for (String guest : new String[] {"store-probe", "store-writer"}) {
            copy(TEST_ACTORS.resolve(guest).resolve(guest + ".wasm"), folder.resolve(guest + ".wasm"));
        }
        theater = options.apply(Theater.builder().home(home).serviceLoader(false)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider())
                .addProvider(new StoreHandlerProvider())).build();
    }

    /** A manifest of {@code guest} with runtime, message-server and store (its config {@code storeConfig} if any). */
    static String manifest(String name, String guest, String storeConfig) {
        return "name = \"" + name + "\"\ncomponent_path = \"" + guest + ".wasm\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n[[handlers]]\ntype = \"store\"\n"
                + (storeConfig.isEmpty() ? "" : "config = { " + storeConfig + " }\n");
    }

    ActorRef probe(String name, String storeConfig) {
        return theater.start(write(name + ".toml", manifest(name, "store-probe", storeConfig)));
    }

    /** A store-writer; its state names its store when {@code storeId} is given, else its init makes one. */
    ActorRef writer(String name, Optional<String> storeId) {
        Path file = write(name + ".toml", manifest(name, "store-writer", ""));
        StartOptions options = StartOptions.defaults();
        if (storeId.isPresent()) {
            options = options.withInitialState(("{\"store\":\"" + storeId.get() + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        return theater.start(ManifestParser.parse(file), options);
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
        return send(actor, String.join(String.valueOf(SEP), fields).getBytes(StandardCharsets.UTF_8));
    }

    static List<String> send(ActorRef actor, byte[] message) {
        int before = logs(actor).size();
        try {
            actor.send(message).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("sending " + new String(message, StandardCharsets.UTF_8) + " to '" + actor.id()
                    + "' failed", e);
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

    /** The value after {@code "<fn> ok "} of the one line the command logged. */
    static String ok(ActorRef actor, String... fields) {
        String line = one(actor, fields);
        String prefix = fields[0].replace("-pattern", "") + " ok";
        if (!line.startsWith(prefix)) {
            throw new AssertionError("expected '" + prefix + "...' from " + String.join(" ", fields) + ", got '" + line + "'");
        }
        return line.substring(prefix.length()).strip();
    }

    /** The store folder of the runtime's default stores root. */
    Path storeFolder(String id) {
        return home.resolve("store").resolve(id);
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
