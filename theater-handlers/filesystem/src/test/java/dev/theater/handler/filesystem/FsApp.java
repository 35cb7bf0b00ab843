package dev.theater.handler.filesystem;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import dev.theater.handler.testing.ProbeCommands;
import dev.theater.handler.testing.ProbeFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An app folder for the filesystem tests: the fs-probe guest copied into it, manifests written into it (so a config
 * {@code path} is a folder under a temporary folder), and a Theater with the runtime, message-server and filesystem
 * handlers. Commands to fs-probe are fields joined by 0x1f (test-actors/README.md, "fs-probe").
 */
final class FsApp extends ProbeFolder {

    static final ProbeCommands COMMANDS = new ProbeCommands(Duration.ofSeconds(120));

    FsApp(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    FsApp(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        super(folder, options.apply(builder(home).addProvider(new RuntimeHandlerProvider())
                .addProvider(new MessageServerHandlerProvider()).addProvider(new FilesystemHandlerProvider())),
                "fs-probe", "filesystem");
    }

    /** A manifest of fs-probe with runtime, message-server and filesystem with {@code config} (TOML inline-table body). */
    static String manifest(String name, String config) {
        return manifest(name, "fs-probe", "filesystem", config);
    }

    static List<String> logs(ActorRef actor) {
        return ProbeCommands.logs(actor);
    }

    static List<String> command(ActorRef actor, String... fields) {
        return COMMANDS.command(actor, fields);
    }

    static String one(ActorRef actor, String... fields) {
        return COMMANDS.one(actor, fields);
    }
}
