package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * examples/http-counter as its README runs it ({@code theater run examples/http-counter/counter.toml}, a real
 * process), on a copy of the folder whose manifest asks for a port the system picks instead of 8080; the port is read
 * from the actor's first log line.
 */
final class HttpCounterRun implements AutoCloseable {

    static final Path EXAMPLE = RunCommandTest.ROOT.resolve("examples/http-counter");
    static final String MANIFEST_PORT = "config = { port = 8080 }";
    static final Pattern LISTENING =
            Pattern.compile("counter: http-counter listening on http://127\\.0\\.0\\.1:(\\d+)/ \\(count (\\d+)\\)");
    static final Duration START = Duration.ofSeconds(60);

    final ChildProcess process;
    final int port;
    final int countAtStart;

    /**
     * Copies what git holds of the example (not what an earlier run of it stored under {@code store/<id>/}: those
     * folders are ignored) into {@code folder}, with the manifest's port replaced by {@code port = 0} (the system
     * picks one).
     */
    static Path copyExample(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            for (Path file : files.toList()) {
                Path relative = EXAMPLE.relativize(file);
                if (relative.getNameCount() >= 3 && relative.getName(0).toString().equals("store")
                        && List.of("content", "labels", "tmp").contains(relative.getName(2).toString())) {
                    continue;
                }
                Path target = folder.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path manifest = folder.resolve("counter.toml");
        String toml = Files.readString(manifest);
        assertThat(toml).contains(MANIFEST_PORT);
        Files.writeString(manifest, toml.replace(MANIFEST_PORT, "config = { port = 0 }"));
        return manifest;
    }

    /** {@code theater run --home <home> <manifest>}, started and listening. */
    HttpCounterRun(Path home, Path manifest) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TheaterCommand.class.getName(), "run", "--home", home.toString(),
                "--plugins", RunCommandTest.PLUGINS.toString(), manifest.toString())
                .redirectErrorStream(true);
        process = ChildProcess.start("theater run " + manifest, run);
        try {
            Matcher m = LISTENING.matcher(process.awaitLine("the listening line", l -> LISTENING.matcher(l).matches(),
                    START));
            assertThat(m.matches()).isTrue();
            port = Integer.parseInt(m.group(1));
            countAtStart = Integer.parseInt(m.group(2));
        } catch (AssertionError | RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * Stops the run as Ctrl-C would (SIGTERM takes the same path: the JVM's shutdown, then exit code 128 + 15) and
     * returns what it printed, which ends with the verified chain.
     */
    List<String> stop() throws InterruptedException {
        process.process().toHandle().destroy();
        int exit = process.awaitExit(Duration.ofSeconds(30));
        List<String> printed = process.printed();
        assertThat(exit).as(String.join("\n", printed)).isEqualTo(143);
        assertThat(printed.getLast()).startsWith("chain of counter: ").endsWith(" events verified");
        return printed;
    }

    @Override
    public void close() {
        process.close();
    }
}
