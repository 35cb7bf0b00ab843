package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testing.ChildProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code theater} process (its {@code main}, with the logging a terminal gets) beside two broken plugin jars:
 * each problem is printed once — not again by the handler registry's logger, nor by PF4J's.
 */
class ProblemsPrintedOnceTest {

    private static final String NOT_A_ZIP = "plugin jar refused: not a jar (zip) file: zip END header not found";
    private static final String NO_CLASS = "plugin 'pc': failed to start: Plugin-Class plug.pc.Missing is not in the jar";

    @TempDir
    Path temp;

    /** A folder with the built-in plugins, a file that is not a zip, and a plugin whose Plugin-Class is missing. */
    private Path plugins() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        try (var jars = Files.list(RunCommandTest.PLUGINS)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        Files.writeString(plugins.resolve("broken.jar"), "not a zip");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "pc");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        manifest.getMainAttributes().putValue("Plugin-Class", "plug.pc.Missing");
        try (OutputStream file = Files.newOutputStream(plugins.resolve("pc.jar"));
             JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.flush();
        }
        return plugins;
    }

    private static List<String> theater(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                TheaterCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("THEATER_LOG");
        try (ChildProcess theater = ChildProcess.start("theater " + args[0], builder)) {
            theater.awaitExit(Duration.ofSeconds(60));
            return theater.printed();
        }
    }

    @Test
    @Timeout(120) // the waits fail first, with the process's output
    void handlersPrintsEachProblemOnce() throws Exception {
        Path plugins = plugins();

        List<String> printed = theater("handlers", "--plugins", plugins.toString());

        assertThat(printed).filteredOn(l -> l.contains("broken.jar") || l.contains("pc.jar") || l.contains("plug.pc"))
                .containsExactly("problem: ERROR " + plugins.resolve("broken.jar") + ": " + NOT_A_ZIP,
                        "problem: ERROR " + plugins.resolve("pc.jar") + ": " + NO_CLASS);
        assertThat(printed).noneMatch(l -> l.startsWith("SEVERE") || l.startsWith("WARNING:"));
    }

    @Test
    @Timeout(120)
    void runPrintsEachProblemOnce() throws Exception {
        Path plugins = plugins();

        List<String> printed = theater("run", "--home", temp.resolve("home").toString(), "--plugins", plugins.toString(),
                "--exit-after", "0ms", RunCommandTest.ROOT.resolve("examples/hello/hello.toml").toString());

        assertThat(printed).filteredOn(l -> l.contains("broken.jar") || l.contains("pc.jar") || l.contains("plug.pc"))
                .containsExactly("theater: ERROR " + plugins.resolve("broken.jar") + ": " + NOT_A_ZIP,
                        "theater: ERROR " + plugins.resolve("pc.jar") + ": " + NO_CLASS);
        assertThat(printed).contains("hello: hello from hello")
                .noneMatch(l -> l.startsWith("SEVERE") || l.startsWith("WARNING:"));
    }
}
