package dev.theater.core.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;

/**
 * Reads the PF4J descriptor from a jar's manifest ({@code Plugin-Id}, {@code Plugin-Version}, optional
 * {@code Plugin-Class}, {@code Plugin-Provider}, {@code Plugin-Description}, {@code Plugin-Dependencies}), and says
 * plainly what is missing where PF4J itself would fail with a bare exception.
 */
final class CheckedManifestDescriptorFinder extends ManifestPluginDescriptorFinder {

    static final String NEEDS = "a plugin jar needs the manifest entries Plugin-Id and Plugin-Version";

    @Override
    public PluginDescriptor find(Path jar) {
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (ZipException e) {
            throw new BrokenPluginException("not a jar (zip) file: " + e.getMessage());
        } catch (IOException | SecurityException e) {
            throw new BrokenPluginException("cannot be read: " + Causes.describe(e));
        }
        if (manifest == null) {
            throw new BrokenPluginException("has no META-INF/MANIFEST.MF; " + NEEDS);
        }
        Attributes main = manifest.getMainAttributes();
        if (isBlank(main.getValue(PLUGIN_ID))) {
            throw new BrokenPluginException("its manifest has no Plugin-Id entry; " + NEEDS);
        }
        if (isBlank(main.getValue(PLUGIN_VERSION))) {
            throw new BrokenPluginException("its manifest (Plugin-Id " + main.getValue(PLUGIN_ID).strip()
                    + ") has no Plugin-Version entry; " + NEEDS);
        }
        return createPluginDescriptor(manifest);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
