package dev.theater.core.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.ServiceProviderExtensionFinder;

/**
 * PF4J configured for handler plugins: every {@code *.jar} directly in one folder (in file-name order), the
 * descriptor in the jar manifest, extensions listed in {@code META-INF/services} (no {@code @Extension} index, and the
 * extension point need not extend {@code org.pf4j.ExtensionPoint}), the Theater API from the runtime, always
 * deployment mode (the {@code pf4j.mode} system property is ignored), and {@code enabled.txt} / {@code disabled.txt}
 * in the folder honoured as PF4J does.
 */
final class TheaterPluginManager extends DefaultPluginManager {

    /** Set after PF4J's constructor has run its factories, and read only when a plugin is loaded. */
    private ClassLoader parent;

    TheaterPluginManager(Path folder, ClassLoader parent) {
        super(folder);
        this.parent = parent;
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        JarPluginRepository repository = new JarPluginRepository(getPluginsRoots());
        repository.setComparator(Comparator.comparing(File::getName));
        return repository;
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new CheckedManifestDescriptorFinder();
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new RequiredPluginFactory();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new ApiFirstPluginClassLoader(pluginManager, descriptor, parent);
            }
        };
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        ServiceProviderExtensionFinder finder = new ServiceProviderExtensionFinder(this) {
            @Override
            public Map<String, Set<String>> readClasspathStorages() {
                return Map.of(); // the class path is ServiceLoader's business, not PF4J's
            }
        };
        finder.setCheckForExtensionDependencies(false); // would need ASM, and our providers carry no @Extension
        addPluginStateListener(finder);
        return finder;
    }

    ExtensionFinder extensionFinder() {
        return extensionFinder;
    }

    /** The jars of the folder, in file-name order. */
    List<Path> jars() {
        return pluginRepository.getPluginPaths();
    }

    /** The plugin id in {@code jar}'s manifest; throws {@link BrokenPluginException} with the reason when broken. */
    String idOf(Path jar) {
        return getPluginDescriptorFinder().find(jar).getPluginId();
    }

    /** Loads one jar; throws with the reason when it is broken. Call {@link #resolve()} after the last. */
    PluginWrapper load(Path jar) {
        return loadPluginFromPath(jar);
    }

    void resolve() {
        resolvePlugins();
    }
}
