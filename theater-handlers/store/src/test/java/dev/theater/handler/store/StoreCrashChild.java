package dev.theater.handler.store;

import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link StoreCrashTest} kills: a Theater on {@code <home>} running one store-writer actor
 * ({@code writer-<run>}) that writes to the store named in its initial state (or makes it, in run 0), told
 * {@code step <run> <i>} for i = 0, 1, 2, ... as fast as it goes. It prints {@code store <id>} once the actor runs, then
 * {@code ack <run> <i>} (plus the id of the store the step made, for i % 4 == 3) after each step's call has returned:
 * every line it printed was acknowledged by the handler.
 *
 * <p>Arguments: {@code <app folder> <home> <run> [<store id>]}.
 */
public final class StoreCrashChild {

    private StoreCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Path home = Path.of(args[1]);
        int run = Integer.parseInt(args[2]);
        Path manifest = folder.resolve("writer.toml");
        if (!Files.exists(manifest)) {
            Files.writeString(manifest, StoreApp.manifest("writer", "store-writer", ""));
        }
        StartOptions options = StartOptions.defaults().withId("writer-" + run);
        if (args.length > 3) {
            options = options.withInitialState(("{\"store\":\"" + args[3] + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        Theater theater = Theater.builder().home(home).serviceLoader(false).addProvider(new RuntimeHandlerProvider())
                .addProvider(new MessageServerHandlerProvider()).addProvider(new StoreHandlerProvider()).build();
        ActorRef writer = theater.start(ManifestParser.parse(manifest), options);
        System.out.println("store " + field(writer, "store"));
        System.out.flush();
        for (int i = 0; ; i++) {
            try {
                writer.send(("step " + run + " " + i).getBytes(StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("failed at step " + i + ": " + e);
                System.out.flush();
                System.exit(3);
            }
            System.out.println("ack " + run + " " + i + (i % 4 == 3 ? " " + field(writer, "new") : ""));
            System.out.flush();
        }
    }

    /** A string field of the writer's JSON state. */
    private static String field(ActorRef writer, String name) {
        String state = new String(writer.state().orElseThrow(), StandardCharsets.UTF_8);
        String key = "\"" + name + "\":\"";
        int at = state.indexOf(key) + key.length();
        return state.substring(at, state.indexOf('"', at));
    }
}
