package dev.theater.handler.testing;

import dev.theater.api.handler.HandlerProvider;
import dev.theater.core.Theater;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs a handler's compiled classes as the PF4J plugin jar its build makes, so a test can load it from a plugins folder. */
public final class PluginJar {

    private PluginJar() {
    }

    /**
     * A Theater with home {@code dir/home} that loads the handler of {@code provider} only as the plugin jar
     * {@code dir/plugins/<pluginId>.jar} (no service loading) and the {@code others} directly.
     */
    public static Theater theater(Path dir, Class<? extends HandlerProvider> provider, String pluginId,
            HandlerProvider... others) {
        try {
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            write(provider, pluginId, plugins);
            Theater.Builder builder = Theater.builder().home(dir.resolve("home")).serviceLoader(false)
                    .pluginsDirectory(plugins);
            for (HandlerProvider other : others) {
                builder.addProvider(other);
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code <pluginId>.jar} into {@code plugins}: the classes folder {@code provider} was loaded from (without
     * {@code module-info.class}), with the descriptor entries the handlers' parent pom writes; returns the jar.
     */
    public static Path write(Class<?> provider, String pluginId, Path plugins) {
        try {
            Path classes = Path.of(provider.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = plugins.resolve(pluginId + ".jar");
            Manifest manifest = new Manifest();
            Attributes main = manifest.getMainAttributes();
            main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
            main.putValue("Plugin-Id", pluginId);
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
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
