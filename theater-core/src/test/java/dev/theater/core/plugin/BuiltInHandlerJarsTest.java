package dev.theater.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real built-in handler jars load both ways: dropped into a plugins folder (PF4J) and added to the class path
 * (ServiceLoader). theater-core cannot depend on the handler modules (their tests depend on it), so the jars are
 * passed in: {@code -Dtheater.handlerJars=a.jar:b.jar} (path-separator list); without it the test is skipped.
 */
class BuiltInHandlerJarsTest {

    static final String PROPERTY = "theater.handlerJars";

    @TempDir
    Path temp;

    private static List<Path> jars() {
        String value = System.getProperty(PROPERTY, "");
        assumeTrue(!value.isBlank(), "set -D" + PROPERTY + " to the built-in handler jars to run this test");
        return Stream.of(value.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    @Test
    void builtInHandlerJarsLoadAsPlugins() throws Exception {
        List<Path> jars = jars();
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        for (Path jar : jars) {
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build()) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.types()).hasSize(jars.size());
            for (String type : registry.types()) {
                assertThat(registry.origin(type)).startsWith("plugin ");
                registry.provider(type).orElseThrow().imports().forEach(
                        iface -> assertThat(registry.providerOfImport(iface)).isPresent());
            }
        }
    }

    @Test
    void builtInHandlerJarsLoadFromTheClassPath() throws Exception {
        List<Path> jars = jars();
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, getClass().getClassLoader());
             HandlerRegistry registry = HandlerRegistry.builder().classLoader(loader).build()) {
            List<String> fromJars = registry.types().stream()
                    .filter(type -> jars.stream().anyMatch(jar -> registry.origin(type).equals("class path: " + jar)))
                    .toList();
            assertThat(fromJars)
                    .as(() -> registry.types().stream().map(t -> t + " <- " + registry.origin(t)).toList() + " "
                            + registry.problems())
                    .hasSize(jars.size());
            assertThat(registry.problems()).noneMatch(p -> jars.stream().anyMatch(j -> p.source().equals(j.toString())));
        }
    }
}
