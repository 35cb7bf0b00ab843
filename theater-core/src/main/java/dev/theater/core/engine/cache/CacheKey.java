package dev.theater.core.engine.cache;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The key of a cache entry: hex SHA-256 over everything that decides the compiled classes, so that an entry is only
 * ever found by a process that would compile the very same classes. That is the module's SHA-256, the Chicory
 * compiler's version, the compile options Theater sets ({@link ModuleCompiler#OPTIONS}) and the entry format.
 */
final class CacheKey {

    /** The Chicory compiler in use, as {@code com.dylibso.chicory:compiler:<version>}; read from its jar. */
    static final String COMPILER = "com.dylibso.chicory:compiler:" + compilerVersion();

    private CacheKey() {
    }

    static String of(String moduleSha256) {
        return of(moduleSha256, COMPILER, ModuleCompiler.OPTIONS, EntryFormat.VERSION);
    }

    /** The key for other compiler versions, options or formats: what an entry left by another setup has. */
    static String of(String moduleSha256, String compiler, String options, int formatVersion) {
        String input = "theater compile cache\n" + formatVersion + "\n" + compiler + "\n" + options + "\n" + moduleSha256;
        return HexFormat.of().formatHex(EntryFormat.sha256(input.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The version Maven recorded in the compiler jar ({@code META-INF/maven/.../pom.properties}, readable from a named
     * module since {@code META-INF} is no package); failing that (a repackaged jar), the jar's size and modification
     * time, so that a different build still gets different keys.
     */
    private static String compilerVersion() {
        try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream(
                "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version");
                if (version != null && !version.isBlank() && !version.endsWith("-SNAPSHOT")) {
                    return version.strip();
                }
            }
        } catch (IOException e) {
            // fall through to the jar itself
        }
        try {
            Path jar = Path.of(MachineFactoryCompiler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            return "unknown(" + jar.getFileName() + "," + attributes.size() + "," + attributes.lastModifiedTime().toMillis() + ")";
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // no way to tell builds apart: a unique value keeps this process from trusting any entry
            return "unknown(" + ProcessHandle.current().pid() + "," + System.nanoTime() + ")";
        }
    }
}
