package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.HandlerProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code theater handlers} beside a plugin whose provider never finishes constructing: it returns, and says so. */
class BrokenPluginsCommandTest {

    private static final String SERVICE_FILE = "META-INF/services/" + HandlerProvider.class.getName();
    private static final String HANG = """
            package plug.hang;

            import dev.theater.api.handler.*;
            import java.util.Set;

            public class Hang implements HandlerProvider {
                public Hang() { while (true) { try { Thread.sleep(60_000); } catch (InterruptedException e) { } } }
                @Override public String type() { return "hang"; }
                @Override public Set<String> imports() { return Set.of(); }
                @Override public Set<String> exports() { return Set.of(); }
                @Override public Handler create(HandlerContext context) { return new Handler() { }; }
            }
            """;

    private final StringWriter out = new StringWriter();

    private int theater(String... args) {
        CommandLine cl = TheaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void handlersReturnsListsTheGoodHandlersAndReportsAProviderThatNeverFinishesConstructing(@TempDir Path temp)
            throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        try (Stream<Path> jars = Files.list(RunCommandTest.PLUGINS)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        Path hang = hangingPlugin(temp.resolve("build"), plugins.resolve("hang.jar"));

        int exit = theater("handlers", "--plugins", plugins.toString(), "--provider-deadline", "300ms");

        assertThat(exit).isEqualTo(2);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("runtime  imports [theater:simple/runtime]  exports []"
                        + "  from plugin theater-handler-runtime ("))
                .anySatisfy(l -> assertThat(l).startsWith("message-server  imports [theater:simple/message-server-host]"
                        + "  exports [theater:simple/message-server-client]  from plugin theater-handler-message-server ("))
                .noneSatisfy(l -> assertThat(l).startsWith("hang "))
                .contains("problem: ERROR " + hang + ": plugin 'hang': provider plug.hang.Hang did not finish"
                        + " constructing within 300 ms; it was abandoned (its thread is left running)");
    }

    /** Compiles {@link #HANG} against theater-api and writes it as a PF4J plugin jar with its service file. */
    private static Path hangingPlugin(Path build, Path jar) throws IOException {
        Path source = build.resolve("src/plug/hang/Hang.java");
        Path classes = build.resolve("classes");
        Files.createDirectories(source.getParent());
        Files.createDirectories(classes);
        Files.writeString(source, HANG);
        StringWriter errors = new StringWriter();
        int status = ToolProvider.findFirst("javac").orElseThrow().run(new PrintWriter(errors), new PrintWriter(errors),
                "-d", classes.toString(), "-cp", apiLocation(), "-nowarn", source.toString());
        assertThat(status).as("javac: %s", errors).isZero();

        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "hang");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file, manifest)) {
            for (String directory : List.of("META-INF/services/", "plug/", "plug/hang/")) {
                zip.putNextEntry(new JarEntry(directory));
                zip.closeEntry();
            }
            zip.putNextEntry(new JarEntry(SERVICE_FILE));
            zip.write("plug.hang.Hang\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            try (Stream<Path> compiled = Files.list(classes.resolve("plug/hang"))) { // Hang and its Handler
                for (Path klass : compiled.sorted().toList()) {
                    zip.putNextEntry(new JarEntry("plug/hang/" + klass.getFileName()));
                    zip.write(Files.readAllBytes(klass));
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }

    private static String apiLocation() {
        try {
            return Path.of(HandlerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
