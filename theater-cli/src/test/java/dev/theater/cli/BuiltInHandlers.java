package dev.theater.cli;

import dev.theater.api.handler.HandlerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The built-in handlers as the CLI tests find them: the plugin jars in {@link RunCommandTest#PLUGINS}, and the
 * same handlers on the test class path (they are Maven dependencies of this module). Where each sits depends on
 * how the build was run (reactor jar, classes folder, local repository) and on the version, so the tests compute
 * the lines the CLI prints about them from here rather than write the paths down.
 */
final class BuiltInHandlers {

    private BuiltInHandlers() {
    }

    /** The plugin id of a built-in handler type. */
    static String pluginId(String type) {
        return "theater-handler-" + type;
    }

    /** The one jar of {@code type}'s plugin in the plugins folder, as the CLI prints it (absolute, normalized). */
    static Path pluginJar(String type) {
        Path folder = RunCommandTest.PLUGINS.toAbsolutePath().normalize();
        try (Stream<Path> jars = Files.list(folder)) {
            List<Path> found = jars.filter(jar -> jar.getFileName().toString().matches(
                    java.util.regex.Pattern.quote(pluginId(type)) + "-[0-9].*\\.jar")).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one plugin jar of " + type + " in " + folder + ", found " + found);
            }
            return found.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handler types on the test class path, in the order ServiceLoader finds them (the order the CLI does). */
    static List<String> classPathTypes() {
        return ServiceLoader.load(HandlerProvider.class, BuiltInHandlers.class.getClassLoader()).stream()
                .map(provider -> provider.get().type()).toList();
    }

    /** The jar or folder on the test class path that holds {@code type}'s provider, as the CLI prints it. */
    static String classPathLocation(String type) {
        HandlerProvider provider = ServiceLoader.load(HandlerProvider.class, BuiltInHandlers.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).filter(p -> p.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no provider of " + type + " on the test class path"));
        try {
            return Path.of(provider.getClass().getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The warning for {@code type} found both as a plugin and on the class path (the plugin wins). */
    static String duplicateWarning(String type) {
        String classPath = classPathLocation(type);
        return "WARNING " + classPath + ": handler type '" + type + "' is provided twice: using plugin "
                + pluginId(type) + " (" + pluginJar(type) + "), ignoring class path: " + classPath
                + "; precedence is code > plugins folder > class path/module path, then first found";
    }

    /** What {@code theater run --plugins PLUGINS} prints to stderr before anything else, one line per duplicate. */
    static List<String> duplicateWarningsOfRun() {
        return classPathTypes().stream().map(type -> "theater: " + duplicateWarning(type)).toList();
    }
}
