package dev.theater.core.plugin;

import dev.theater.api.handler.HandlerProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pf4j.ExtensionWrapper;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Finds providers in a plugins folder with PF4J: each jar is one plugin with its own class loader, and its providers
 * are the classes listed in its {@code META-INF/services/dev.theater.api.handler.HandlerProvider}. A broken jar
 * becomes a {@link PluginProblem} naming the jar; the other jars still load. Each provider is constructed under a
 * deadline ({@link Bounded}): a constructor that throws (an {@link Error} included) or never returns is reported.
 */
final class PluginFolderDiscovery implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginFolderDiscovery.class.getName());

    private final TheaterPluginManager manager;

    private PluginFolderDiscovery(TheaterPluginManager manager) {
        this.manager = manager;
    }

    /**
     * Loads and starts every plugin of {@code folder}, giving each provider constructor at most {@code deadline};
     * empty (and a warning) when the folder does not exist.
     */
    static Optional<PluginFolderDiscovery> discover(Path folder, ClassLoader parent, Duration deadline,
                                                    Consumer<Candidate> found, Consumer<PluginProblem> problems) {
        if (!Files.isDirectory(folder)) {
            problems.accept(PluginProblem.warning(folder.toString(), "plugins folder does not exist or is not a folder;"
                    + " no plugins loaded"));
            return Optional.empty();
        }
        TheaterPluginManager manager = new TheaterPluginManager(folder.toAbsolutePath().normalize(), parent);
        Map<Path, PluginWrapper> loaded = load(manager, problems);
        try {
            manager.resolve();
        } catch (RuntimeException e) {
            problems.accept(PluginProblem.error(folder.toString(), "plugin dependencies cannot be resolved: "
                    + Causes.describe(e)));
        }
        manager.startPlugins();
        loaded.forEach((jar, plugin) -> collect(manager, jar, plugin, deadline, found, problems));
        return Optional.of(new PluginFolderDiscovery(manager));
    }

    private static Map<Path, PluginWrapper> load(TheaterPluginManager manager, Consumer<PluginProblem> problems) {
        Map<Path, PluginWrapper> loaded = new LinkedHashMap<>();
        Map<String, Path> ids = new LinkedHashMap<>();
        for (Path jar : manager.jars()) {
            try {
                String id = manager.idOf(jar);
                Path other = ids.putIfAbsent(id, jar);
                if (other != null) {
                    problems.accept(PluginProblem.error(jar.toString(), "Plugin-Id '" + id + "' is already used by "
                            + other + "; plugin ids must be unique in a plugins folder"));
                    continue;
                }
                loaded.put(jar, manager.load(jar));
            } catch (RuntimeException | LinkageError e) {
                String reason = e instanceof BrokenPluginException ? e.getMessage() : Causes.describe(e);
                problems.accept(PluginProblem.error(jar.toString(), "plugin jar refused: " + reason));
            }
        }
        return loaded;
    }

    private static void collect(TheaterPluginManager manager, Path jar, PluginWrapper plugin, Duration deadline,
                                Consumer<Candidate> found, Consumer<PluginProblem> problems) {
        String id = plugin.getPluginId();
        String source = jar.toString();
        String prefix = "plugin '" + id + "': ";
        PluginState state = plugin.getPluginState();
        if (!state.isStarted()) {
            String reason = switch (state) {
                case FAILED -> "failed to start: " + (plugin.getFailedException() instanceof BrokenPluginException b
                        ? b.getMessage() : Causes.describe(plugin.getFailedException()));
                case DISABLED -> "is disabled (disabled.txt or enabled.txt in the plugins folder, or Plugin-Requires)";
                case UNLOADED -> "was dropped: its Plugin-Dependencies cannot be resolved";
                default -> "was not started (state " + state + ")";
            };
            problems.accept(state == PluginState.DISABLED
                    ? PluginProblem.warning(source, prefix + reason) : PluginProblem.error(source, prefix + reason));
            return;
        }
        ClassLoader loader = plugin.getPluginClassLoader();
        List<String> listed = listedProviders((ApiFirstPluginClassLoader) loader, problems, source, prefix);
        if (listed.isEmpty()) {
            problems.accept(PluginProblem.warning(source, prefix + "declares no handler provider: the jar has no "
                    + ServiceLoaderDiscovery.SERVICE_FILE));
            return;
        }
        Set<String> created = new HashSet<>();
        List<ExtensionWrapper<HandlerProvider>> extensions;
        try {
            extensions = manager.extensionFinder().find(HandlerProvider.class, id);
        } catch (RuntimeException | LinkageError e) {
            extensions = List.of(); // each listed class is diagnosed below
        }
        Creation creation = new Creation(deadline, "plugin " + id + " (" + source + ")", source, prefix, found, problems);
        for (ExtensionWrapper<HandlerProvider> extension : extensions) {
            Class<?> type = extension.getDescriptor().extensionClass;
            created.add(type.getName());
            creation.create(type, extension::getExtension);
        }
        for (String name : listed) {
            if (created.contains(name)) {
                continue;
            }
            // PF4J lists META-INF/services/ through its directory entry, which some jar tools do not write
            diagnose(name, loader).ifPresentOrElse(
                    reason -> problems.accept(PluginProblem.error(source, prefix + reason)),
                    () -> {
                        Class<?> type = loadedClass(name, loader);
                        creation.create(type, () -> (HandlerProvider) manager.getExtensionFactory().create(type));
                    });
        }
    }

    /** Constructs the providers of one plugin, each on its own thread and within the deadline. */
    private record Creation(Duration deadline, String origin, String source, String prefix,
                            Consumer<Candidate> found, Consumer<PluginProblem> problems) {

        void create(Class<?> type, Supplier<HandlerProvider> factory) {
            String provider = "provider " + type.getName();
            switch (Bounded.call(type.getName(), deadline, factory::get)) {
                case Bounded.Outcome.Done<HandlerProvider>(HandlerProvider instance) ->
                        found.accept(new Candidate(instance, Tier.PLUGINS_FOLDER, origin, source));
                case Bounded.Outcome.Threw<HandlerProvider>(Throwable e) -> problems.accept(PluginProblem.error(source,
                        prefix + provider + " could not be created: " + Causes.describe(e)));
                case Bounded.Outcome.TimedOut<HandlerProvider> late -> problems.accept(PluginProblem.error(source,
                        prefix + provider + " did not finish constructing within " + Bounded.format(deadline)
                        + "; it was abandoned (its thread is left running)"));
            }
        }
    }

    private static Class<?> loadedClass(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e); // diagnose() has loaded it already
        }
    }

    /** The class names in the plugin jar's own service file (not its parent's). */
    private static List<String> listedProviders(ApiFirstPluginClassLoader loader, Consumer<PluginProblem> problems,
                                                String source, String prefix) {
        URL url = loader.findResource(ServiceLoaderDiscovery.SERVICE_FILE);
        if (url == null) {
            return List.of();
        }
        try {
            return ServiceLoaderDiscovery.readServiceFile(url);
        } catch (IOException e) {
            problems.accept(PluginProblem.error(source, prefix + "cannot read " + ServiceLoaderDiscovery.SERVICE_FILE
                    + ": " + Causes.describe(e)));
            return List.of();
        }
    }

    /** Why a listed class cannot be a provider, or empty when it is a loadable {@link HandlerProvider}. */
    private static Optional<String> diagnose(String name, ClassLoader loader) {
        String listed = "class " + name + " listed in " + ServiceLoaderDiscovery.SERVICE_FILE;
        try {
            Class<?> type = Class.forName(name, false, loader);
            if (HandlerProvider.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            boolean otherCopy = Arrays.stream(type.getInterfaces())
                    .anyMatch(i -> i.getName().equals(HandlerProvider.class.getName()));
            return Optional.of(listed + (otherCopy
                    ? " implements another copy of " + HandlerProvider.class.getName() + " than the runtime's"
                    : " does not implement " + HandlerProvider.class.getName()));
        } catch (ClassNotFoundException e) {
            return Optional.of(listed + " is not in the jar");
        } catch (LinkageError e) {
            return Optional.of(listed + " cannot be loaded: " + Causes.describe(e));
        }
    }

    /**
     * Unloads every plugin (stopping it first) and closes its class loader. PF4J 3.15.0's {@code stopPlugins()} throws
     * a ConcurrentModificationException as soon as one plugin was started, so each plugin is unloaded by id.
     */
    @Override
    public void close() {
        for (PluginWrapper plugin : manager.getPlugins().reversed()) {
            try {
                manager.unloadPlugin(plugin.getPluginId());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot unload plugin '" + plugin.getPluginId() + "' ("
                        + plugin.getPluginPath() + "): " + Causes.describe(e));
            }
        }
    }
}
