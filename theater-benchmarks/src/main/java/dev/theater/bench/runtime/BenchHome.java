package dev.theater.bench.runtime;

import dev.theater.chain.FsyncPolicy;
import dev.theater.core.Theater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temp Theater home for one scenario run, deleted on close. Open it before the Theater or chain store that
 * uses it, in the same try, so that it is deleted after they are closed.
 */
final class BenchHome implements AutoCloseable {

    private final Path path;

    private BenchHome(Path path) {
        this.path = path;
    }

    static BenchHome create(Path parent) {
        try {
            Files.createDirectories(parent);
            return new BenchHome(Files.createTempDirectory(parent, "theater-runtime-bench"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() {
        return path;
    }

    /** A Theater on this home with the chain on under {@code policy}. */
    Theater theater(FsyncPolicy policy) {
        return Theater.builder().home(path).fsync(policy).build();
    }

    /** Deletes the home; a failure is printed, not thrown, so that it does not hide the run's results. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("  (could not delete " + path + ": " + e + ")");
        }
    }
}
