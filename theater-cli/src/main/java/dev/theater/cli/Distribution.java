package dev.theater.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An installed distribution of this command: {@code <root>/lib/theater-cli.jar} beside {@code <root>/plugins/} (the
 * built-in handler plugins), {@code <root>/sdk/c/} (the C guest SDK's headers, for {@code theater new actor}) and
 * {@code <root>/wit/} (the {@code theater:simple} WIT files, for {@code theater new actor --lang js}).
 */
record Distribution(Path root) {

    /** The built-in handler plugins folder. */
    Path plugins() {
        return root.resolve("plugins");
    }

    /** The C guest SDK folder (holds {@code theater.h}). */
    Path cSdk() {
        return root.resolve("sdk").resolve("c");
    }

    /** The {@code theater:simple} WIT package folder (its {@code *.wit} files). */
    Path wit() {
        return root.resolve("wit");
    }

    /** The distribution this command runs from: empty when it does not run from {@code <root>/lib/<jar>}. */
    static Optional<Distribution> current() {
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
            return Optional.of(new Distribution(lib.getParent()));
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
