package dev.theater.handler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler's classes, packed as the plugin jar the build makes, load from a plugins folder with PF4J. */
class PluginJarTest {

    @TempDir
    Path home;

    @Test
    void theRuntimeHandlerLoadsAsAPluginJar() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path classes = Path.of(RuntimeHandlerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        writeJar(classes, plugins.resolve("theater-handler-runtime.jar"));
        try (Theater theater = Theater.builder().home(home.resolve("home")).serviceLoader(false).pluginsDirectory(plugins)
                .addProvider(new DriverProvider()).build()) {
            assertThat(theater.handlers().origin("runtime")).startsWith("plugin theater-handler-runtime");
            ActorRef probe = theater.start(RuntimeGuestTest.MANIFEST, RuntimeGuestTest.PROBE);
            assertThat(probe.chain().stream().filter(e -> e.eventType().equals("theater:simple/runtime/log"))
                    .map(e -> e.dataAsString()).toList()).isEqualTo(List.of("{\"args\":{\"msg\":\"probe probe\"}}"));
        }
    }

    /** A jar of {@code classes} with the PF4J descriptor entries the handlers' parent pom writes. */
    static void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "theater-handler-runtime");
        main.putValue("Plugin-Version", "0.1.0");
        main.putValue("Plugin-Provider", "Theater");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.sorted().toList()) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                if (name.isEmpty()) {
                    continue;
                }
                boolean directory = Files.isDirectory(path);
                out.putNextEntry(new JarEntry(directory ? name + "/" : name));
                if (!directory) {
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }
}
