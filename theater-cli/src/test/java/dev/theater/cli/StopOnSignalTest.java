package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code theater run} process, stopped by a signal (SIGTERM here; Ctrl-C's SIGINT takes the same
 * shutdown path): it stops its actors and reports verified chains before it exits.
 */
class StopOnSignalTest {

    @TempDir
    Path home;

    @Test
    void aSignalStopsTheSystemAndLeavesVerifiedChains() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process theater = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TheaterCommand.class.getName(), "run", "--home", home.toString(),
                "--plugins", RunCommandTest.PLUGINS.toString(),
                RunCommandTest.ROOT.resolve("examples/ping-pong/pong.toml").toString(),
                RunCommandTest.ROOT.resolve("examples/ping-pong/ping.toml").toString())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(theater.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals("ping: ping done")) {
                    theater.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
                }
            }
        } finally {
            if (!theater.waitFor(30, TimeUnit.SECONDS)) {
                theater.destroyForcibly();
            }
        }

        assertThat(lines).contains("ping: ping done");
        assertThat(lines).filteredOn(l -> l.startsWith("chain of ")).hasSize(2)
                .allMatch(l -> l.endsWith(" events verified"));
    }
}
