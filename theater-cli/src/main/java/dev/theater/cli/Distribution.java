package dev.theater.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where this command was installed: {@code <dist>/lib/theater-cli.jar} beside {@code <dist>/plugins/}. */
final class Distribution {

    private Distribution() {
    }

    /** The distribution's {@code plugins} folder, when running from a distribution that has one. */
    static Optional<Path> pluginsFolder() {
        try {
            var source = Distribution.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            Path lib = jar.getParent();
            if (lib == null || !Files.isRegularFile(jar) || lib.getParent() == null) {
                return Optional.empty();
            }
            Path plugins = lib.getParent().resolve("plugins");
            return Files.isDirectory(plugins) ? Optional.of(plugins) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
