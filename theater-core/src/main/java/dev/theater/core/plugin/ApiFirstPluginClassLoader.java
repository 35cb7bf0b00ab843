package dev.theater.core.plugin;

import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * PF4J's plugin-first class loader, except that the Theater API ({@code dev.theater.api.*}) always comes from the
 * runtime (the parent), like {@code java.*} and {@code org.pf4j.*}. A plugin that bundles its own copy of
 * theater-api therefore still implements the runtime's {@code HandlerProvider}; everything else a plugin bundles
 * (its own libraries) wins over the runtime's copies, so plugins cannot clash with each other or with the runtime.
 */
final class ApiFirstPluginClassLoader extends PluginClassLoader {

    static final String API_PREFIX = "dev.theater.api.";

    ApiFirstPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent);
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        return className.startsWith(API_PREFIX) || super.shouldDelegateToParent(className);
    }
}
