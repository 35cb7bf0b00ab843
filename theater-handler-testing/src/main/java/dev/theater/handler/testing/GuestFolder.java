package dev.theater.handler.testing;

import dev.theater.core.Theater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An app folder for a handler's guest tests: guests from test-actors/ copied into it (so a config {@code path} or a
 * child's files stay under a temporary folder), manifests written into it, and the Theater that runs them.
 */
public class GuestFolder implements AutoCloseable {

    /** The built test-actors/ folder (the {@code theater.testActors} property, else relative to a handler module). */
    public static final Path TEST_ACTORS = Path.of(System.getProperty("theater.testActors", "../../test-actors"));

    public final Path folder;
    public final Theater theater;

    /** Copies {@code guests} (test-actors/{@code <guest>}/{@code <guest>}.wasm) into {@code folder}, then builds the Theater. */
    public GuestFolder(Path folder, Theater.Builder theater, String... guests) {
        this.folder = folder;
        for (String guest : guests) {
            copyGuest(guest, folder);
        }
        this.theater = theater.build();
    }

    /** A Theater builder with {@code home}, no service loading, and nothing else yet. */
    public static Theater.Builder builder(Path home) {
        return Theater.builder().home(home).serviceLoader(false);
    }

    /** Copies test-actors/{@code <guest>}/{@code <guest>}.wasm into {@code folder}. */
    public static void copyGuest(String guest, Path folder) {
        try {
            Files.copy(TEST_ACTORS.resolve(guest).resolve(guest + ".wasm"), folder.resolve(guest + ".wasm"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a manifest: {@code name}, {@code <guest>.wasm}, and the runtime and message-server handlers. */
    public static String manifestStart(String name, String guest) {
        return "name = \"" + name + "\"\ncomponent_path = \"" + guest + ".wasm\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n";
    }

    /** A manifest's handler entry of {@code type}, with {@code config} (a TOML inline-table body) unless empty. */
    public static String handler(String type, String config) {
        return "[[handlers]]\ntype = \"" + type + "\"\n" + (config.isEmpty() ? "" : "config = { " + config + " }\n");
    }

    /** Writes {@code text} to {@code file} in the folder (creating its parent folders); returns its path. */
    public Path write(String file, String text) {
        try {
            Path path = folder.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        theater.close();
    }
}
