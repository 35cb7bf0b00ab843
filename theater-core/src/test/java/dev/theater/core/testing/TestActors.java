package dev.theater.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the C-built guests of {@code test-actors/} (their sources and rebuild script sit beside them). */
public final class TestActors {

    private TestActors() {
    }

    /** The folder holding the guests, from the {@code theater.testActors} property Maven sets. */
    public static Path root() {
        String configured = System.getProperty("theater.testActors");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "test-actors");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test actors folder not found: " + root.toAbsolutePath()
                    + " (set -Dtheater.testActors)");
        }
        return root;
    }

    /** {@code test-actors/<name>/<name>.wasm}. */
    public static Path wasm(String name) {
        return root().resolve(name).resolve(name + ".wasm");
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(wasm(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
