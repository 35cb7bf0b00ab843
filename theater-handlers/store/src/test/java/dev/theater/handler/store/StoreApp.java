package dev.theater.handler.store;

import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import dev.theater.handler.testing.GuestFolder;
import dev.theater.handler.testing.ProbeCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An app folder for the store tests: the store-probe and store-writer guests copied into it (so that a config
 * {@code path} puts stores under a temporary folder, not the repository), manifests written into it, and a Theater
 * with the runtime, message-server and store handlers. Commands to store-probe are fields joined by 0x1f.
 */
final class StoreApp extends GuestFolder {

    static final ProbeCommands COMMANDS = new ProbeCommands(Duration.ofSeconds(60));

    final Path home;

    StoreApp(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    StoreApp(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        super(folder, options.apply(builder(home).addProvider(new RuntimeHandlerProvider())
                .addProvider(new MessageServerHandlerProvider()).addProvider(new StoreHandlerProvider())),
                "store-probe", "store-writer");
        this.home = home;
    }

    /** A manifest of {@code guest} with runtime, message-server and store (its config {@code storeConfig} if any). */
    static String manifest(String name, String guest, String storeConfig) {
        return manifestStart(name, guest) + handler("store", storeConfig);
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

    static List<String> logs(ActorRef actor) {
        return ProbeCommands.logs(actor);
    }

    static List<String> command(ActorRef actor, String... fields) {
        return COMMANDS.command(actor, fields);
    }

    static List<String> send(ActorRef actor, byte[] message) {
        return COMMANDS.send(actor, message, new String(message, StandardCharsets.UTF_8));
    }

    static String one(ActorRef actor, String... fields) {
        return COMMANDS.one(actor, fields);
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
}
