package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Builds a JavaScript actor folder (one {@code theater new actor --lang js} wrote, or an example made like one) with
 * its own {@code build.sh}: {@code npm ci} of the pinned componentize-js, then componentize-js. Skips the calling
 * test, saying why, where it cannot run: no node, or no installed packages and no npm registry to fetch them.
 */
final class JsBuild {

    private JsBuild() {
    }

    /**
     * {@code folder/name.wasm}, built by {@code folder/build.sh} unless it is newer than every source of it (the
     * script, the WIT, the package files, build.sh and build.mjs): componentize-js takes tens of seconds, and its output is not
     * byte-reproducible, so a fresh one is as good as a new one.
     */
    static Path component(Path folder, String name) throws IOException, InterruptedException {
        Path wasm = folder.resolve(name + ".wasm");
        if (Files.isRegularFile(wasm) && newest(folder).compareTo(Files.getLastModifiedTime(wasm)) < 0) {
            System.out.println("JsBuild: " + wasm + " is newer than its sources; not rebuilt");
            return wasm;
        }
        Assumptions.assumeTrue(runs("node", "--version"), "node is not installed: " + wasm + " cannot be built here");
        if (!Files.isDirectory(folder.resolve("node_modules/@bytecodealliance/componentize-js"))) {
            Assumptions.assumeTrue(runs("npm", "ping"), "npm cannot reach its registry (npm ping failed), and "
                    + folder.resolve("node_modules") + " does not hold componentize-js: " + wasm + " cannot be built");
        }
        Process p = new ProcessBuilder(folder.resolve("build.sh").toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("build.sh finished").isTrue();
        assertThat(p.exitValue()).as("build.sh: " + printed).isZero();
        assertThat(printed).contains("build.sh: built " + name + ".wasm (");
        System.out.print(printed);
        return wasm;
    }

    /** What the build reads: the script, the build files and the WIT (not the README, not node_modules). */
    private static boolean source(Path relative) {
        String name = relative.getFileName().toString();
        return !relative.startsWith("node_modules") && (name.endsWith(".js") || name.endsWith(".mjs")
                || name.endsWith(".wit") || name.endsWith(".json") || name.equals("build.sh"));
    }

    /** The latest modification time of the folder's sources. */
    private static FileTime newest(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> source(folder.relativize(p)))
                    .map(p -> {
                        try {
                            return Files.getLastModifiedTime(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
