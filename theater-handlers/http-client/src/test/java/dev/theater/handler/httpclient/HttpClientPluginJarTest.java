package dev.theater.handler.httpclient;

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
class HttpClientPluginJarTest {

    @TempDir
    Path dir;

    @Test
    void theHttpClientHandlerLoadsAsAPluginJar() throws Exception {
        TestServers servers = TestServers.shared();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path classes = Path.of(HttpClientHandlerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        writeJar(classes, plugins.resolve("theater-handler-http-client.jar"));
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.copy(HttpApp.TEST_ACTORS.resolve("http-probe/http-probe.wasm"), app.resolve("http-probe.wasm"),
                StandardCopyOption.REPLACE_EXISTING);
        try (Theater theater = Theater.builder().home(dir.resolve("home")).serviceLoader(false).pluginsDirectory(plugins)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider()).build()) {
            assertThat(theater.handlers().origin("http-client")).startsWith("plugin theater-handler-http-client");
            ActorRef probe = theater.start(HttpApp.manifest("probe", "allowed_hosts = [\"http://127.0.0.1:*\"]"), app);
            assertThat(HttpApp.sendBody(probe, "POST", servers.http("/echo"), "from a plugin"))
                    .contains("send-http ok 200 13", "b from a plugin");
        }
    }

    /** A jar of {@code classes} with the PF4J descriptor entries the handlers' parent pom writes. */
    static void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", "theater-handler-http-client");
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
