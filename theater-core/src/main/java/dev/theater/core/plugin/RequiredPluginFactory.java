package dev.theater.core.plugin;

import java.lang.reflect.Modifier;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's optional {@code Plugin-Class} (by default {@link Plugin} itself: handler plugins need none),
 * failing with a message that names the class instead of PF4J's silent {@code null}.
 */
final class RequiredPluginFactory implements PluginFactory {

    @Override
    public Plugin create(PluginWrapper wrapper) {
        String name = wrapper.getDescriptor().getPluginClass();
        if (name == null || name.equals(Plugin.class.getName())) {
            return new Plugin();
        }
        Class<?> type;
        try {
            type = wrapper.getPluginClassLoader().loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new BrokenPluginException("Plugin-Class " + name + " is not in the jar");
        }
        if (!Plugin.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
            throw new BrokenPluginException("Plugin-Class " + name + " is not a concrete subclass of org.pf4j.Plugin");
        }
        try {
            try {
                return (Plugin) type.getConstructor().newInstance();
            } catch (NoSuchMethodException e) {
                return (Plugin) type.getConstructor(PluginWrapper.class).newInstance(wrapper); // PF4J's older style
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new BrokenPluginException("Plugin-Class " + name + " could not be created: " + Causes.describe(e));
        }
    }
}
