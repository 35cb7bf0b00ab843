package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testing.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code theater run} process, stopped by a signal (SIGTERM here; Ctrl-C's SIGINT takes the same
 * shutdown path): it stops its actors and reports verified chains before it exits.
 */
class StopOnSignalTest {

    @TempDir
    Path home;

    @Test
    @Timeout(120) // the waits below fail first, with the process's output
    void aSignalStopsTheSystemAndLeavesVerifiedChains() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TheaterCommand.class.getName(), "run", "--home", home.toString(),
                "--plugins", RunCommandTest.PLUGINS.toString(),
                RunCommandTest.ROOT.resolve("examples/ping-pong/pong.toml").toString(),
                RunCommandTest.ROOT.resolve("examples/ping-pong/ping.toml").toString())
                .redirectErrorStream(true);
        List<String> lines;
        try (ChildProcess theater = ChildProcess.start("theater run", run)) {
            theater.awaitLine("ping: ping done", Duration.ofSeconds(60));
            theater.process().toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            theater.awaitExit(Duration.ofSeconds(30));
            lines = theater.printed();
        }

        assertThat(lines).filteredOn(l -> l.startsWith("chain of ")).hasSize(2)
                .allMatch(l -> l.endsWith(" events verified"));
    }
}
