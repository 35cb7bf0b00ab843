package dev.theater.handler.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler's classes, packed as the plugin jar the build makes, load from a plugins folder with PF4J and work. */
class StorePluginJarTest {

    @TempDir
    Path dir;

    @Test
    void theStoreHandlerLoadsAsAPluginJar() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path classes = Path.of(StoreHandlerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        writeJar(classes, plugins.resolve("theater-handler-store.jar"));
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.copy(StoreApp.TEST_ACTORS.resolve("store-probe/store-probe.wasm"), app.resolve("store-probe.wasm"),
                StandardCopyOption.REPLACE_EXISTING);
        try (Theater theater = Theater.builder().home(dir.resolve("home")).serviceLoader(false).pluginsDirectory(plugins)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider()).build()) {
            assertThat(theater.handlers().origin("store")).startsWith("plugin theater-handler-store");
            ActorRef probe = theater.start(StoreApp.manifest("probe", "store-probe", ""), app);
            String id = StoreApp.ok(probe, "new");
            String hash = StoreApp.ok(probe, "store-at-label", id, "l", "from a plugin");
            assertThat(StoreApp.one(probe, "get", id, hash)).isEqualTo("get ok from a plugin");
        }
    }

    /** A jar of {@code classes} with the PF4J descriptor entries the handlers' parent pom writes. */
    static void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "theater-handler-store");
        main.putValue("Plugin-Version", "0.1.0");
        main.putValue("Plugin-Provider", "Theater");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.sorted().toList()) {
                String name = classes.relativize(path).toString().replace('\\', '/');
                if (name.isEmpty() || name.equals("module-info.class")) {
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
