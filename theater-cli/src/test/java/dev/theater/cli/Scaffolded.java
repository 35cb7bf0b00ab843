package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import picocli.CommandLine;

/**
 * What the tests of {@code theater new} share: the command run in-process with the test distribution (the built
 * {@code target/theater}: its plugins and its {@code sdk/c}), a scaffolded handler built into a plugin jar (javac and
 * the manifest entries its pom writes, as {@code mvn package} would), a scaffolded actor built by its own
 * {@code build.sh} with clang.
 */
final class Scaffolded {

    static final Path DISTRIBUTION = Path.of(System.getProperty("theater.distribution", "target/theater"));

    private Scaffolded() {
    }

    /** The output of one in-process {@code theater} command. */
    record Run(int exit, List<String> out, List<String> err) {
    }

    static Run theater(Optional<Distribution> distribution, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TheaterCommand.commandLine(distribution);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString().lines().toList(), err.toString().lines().toList());
    }

    /** {@code theater} with the test distribution. */
    static Run theater(String... args) {
        return theater(Optional.of(new Distribution(DISTRIBUTION)), args);
    }

    /**
     * {@code theater new handler name --dir parent}, then its sources (main and test) compiled against the test class
     * path (theater-api, theater-core, JUnit) and its main classes and resources packed as {@code jars/<name>.jar}
     * with the pom's PF4J entries; returns the folder of that jar.
     */
    static Path handlerPlugin(Path parent, String name) throws IOException {
        assertThat(theater("new", "handler", name, "--dir", parent.toString()).exit()).isZero();
        Path project = parent.resolve(name);
        Path classes = compile(project.resolve("src/main/java"), parent.resolve("classes"), "");
        compile(project.resolve("src/test/java"), parent.resolve("test-classes"), classes.toString());
        copyTree(project.resolve("src/main/resources"), classes);
        Path jars = Files.createDirectories(parent.resolve("jars"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", name);
        manifest.getMainAttributes().putValue("Plugin-Version", "0.1.0");
        try (OutputStream file = Files.newOutputStream(jars.resolve(name + ".jar"));
             JarOutputStream jar = new JarOutputStream(file, manifest); Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, jar);
                jar.closeEntry();
            }
        }
        return jars;
    }

    private static Path compile(Path sources, Path output, String extraClassPath) throws IOException {
        Files.createDirectories(output);
        List<String> args = new ArrayList<>(List.of("-d", output.toString(), "-proc:none", "-Xlint:all", "-Werror",
                "-cp", System.getProperty("java.class.path")
                        + (extraClassPath.isEmpty() ? "" : java.io.File.pathSeparator + extraClassPath)));
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
        }
        var diagnostics = new java.io.ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(exit).as("javac of " + sources + ": " + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        return output;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                Files.createDirectories(target.getParent());
                Files.copy(path, target);
            }
        }
    }

    /** Skips the calling test, saying why, where clang or wasm-ld is missing (CI installs both). */
    static void assumeClang() {
        Assumptions.assumeTrue(runs("clang", "--version") && runs("wasm-ld", "--version"),
                "clang and wasm-ld (Debian: clang lld) are not installed: the scaffolded actor cannot be built here");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
                    ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the scaffolded actor's {@code build.sh}, a real process; returns what it printed. */
    static String build(Path actorFolder) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(actorFolder.resolve("build.sh").toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("build.sh finished").isTrue();
        assertThat(p.exitValue()).as("build.sh: " + printed).isZero();
        return printed;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
