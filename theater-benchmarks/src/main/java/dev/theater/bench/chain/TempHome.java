package dev.theater.bench.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A throw-away Theater home folder for one benchmark state. */
final class TempHome {
    private TempHome() {
    }

    /** A folder on the default temp file system (a real disk, for fsync measurements). */
    static Path create() {
        return create(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * A folder in memory ({@code /dev/shm}, or {@code -Dtheater.bench.memdir=...}) so that the writer is never
     * throttled by the disk and the benchmark measures the appending thread; falls back to the temp folder.
     */
    static Path createInMemory() {
        Path shm = Path.of(System.getProperty("theater.bench.memdir", "/dev/shm"));
        return create(Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static Path create(Path parent) {
        try {
            return Files.createTempDirectory(parent, "theater-chain-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
