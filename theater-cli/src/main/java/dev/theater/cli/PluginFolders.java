package dev.theater.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plugins folders {@code run} and {@code handlers} load: each {@code --plugins DIR} in the order given, then the
 * distribution's built-in plugins folder unless {@code --no-builtin-handlers}. For a type in two folders the earlier
 * folder wins, so a {@code --plugins} jar can replace a built-in handler (with a warning naming both).
 */
final class PluginFolders {

    static final String PLUGINS_HELP = "a folder of handler plugin jars to load besides the built-in handlers; repeatable;"
            + " for a type found twice the first folder given wins";
    static final String NO_BUILTINS_HELP = "do not load the built-in handlers (the plugins folder of this distribution)";

    private PluginFolders() {
    }

    /**
     * @throws CliError if a {@code --plugins} folder does not exist or is not a folder
     */
    static List<Path> resolve(List<Path> plugins, boolean noBuiltins, Optional<Distribution> distribution) {
        List<Path> folders = new ArrayList<>();
        for (Path folder : plugins) {
            if (!Files.isDirectory(folder)) {
                throw new CliError("--plugins: " + (Files.exists(folder) ? "not a folder: " : "no such folder: ")
                        + folder.toAbsolutePath().normalize());
            }
            folders.add(folder);
        }
        if (!noBuiltins) {
            distribution.map(Distribution::plugins).filter(Files::isDirectory).ifPresent(folders::add);
        }
        return folders;
    }
}
