package dev.theater.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real files of the repository that fuzzing starts from: example manifests, WIT files, guest modules. */
public final class SeedFiles {

    private SeedFiles() {}

    /** The repository's root: the parent of {@code test-actors/}, which Maven names in {@code theater.testActors}. */
    public static Path root() {
        String actors = System.getProperty("theater.testActors");
        Path root = actors != null ? Path.of(actors).toAbsolutePath().getParent() : Path.of("..").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("test-actors"))) {
            throw new IllegalStateException("repository root not found from " + root + " (set -Dtheater.testActors)");
        }
        return root.normalize();
    }

    /** The files ending in {@code suffix} directly in {@code folder} (relative to the root), sorted. */
    public static List<Path> in(String folder, String suffix) {
        return list(root().resolve(folder), suffix, 1);
    }

    /** The files ending in {@code suffix} one folder down in {@code folder}: {@code examples/<x>/<y>.toml}, sorted. */
    public static List<Path> inSubfolders(String folder, String suffix) {
        return list(root().resolve(folder), suffix, 2);
    }

    private static List<Path> list(Path folder, String suffix, int depth) {
        try (Stream<Path> s = Files.find(folder, depth, (p, a) -> a.isRegularFile() && p.toString().endsWith(suffix)
                && folder.relativize(p).getNameCount() == depth)) {
            List<Path> found = s.sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no *" + suffix + " files in " + folder);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of {@code file}. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
