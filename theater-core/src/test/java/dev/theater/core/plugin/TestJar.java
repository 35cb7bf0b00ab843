package dev.theater.core.plugin;

import dev.theater.api.handler.HandlerProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.util.spi.ToolProvider;

/**
 * Builds a real jar for a test: Java sources compiled against theater-api, a {@code META-INF/services} file for
 * {@link HandlerProvider}, and a manifest with PF4J entries. The classes are never on the test class path.
 */
final class TestJar {

    /** javac in-process (java.util.spi.ToolProvider lives in java.base, so the patched test module needs no reads). */
    private static final ToolProvider JAVAC = ToolProvider.findFirst("javac").orElseThrow();

    static final String SERVICE_FILE = "META-INF/services/" + HandlerProvider.class.getName();

    private final String fileName;
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private boolean withManifest = true;
    private boolean directoryEntries = true;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final List<String> omitted = new ArrayList<>();

    private TestJar(String fileName) {
        this.fileName = fileName;
    }

    static TestJar named(String fileName) {
        return new TestJar(fileName);
    }

    /** The PF4J descriptor: {@code Plugin-Id} and {@code Plugin-Version}. */
    TestJar plugin(String id, String version) {
        return manifest("Plugin-Id", id).manifest("Plugin-Version", version);
    }

    TestJar manifest(String key, String value) {
        manifest.put(key, value);
        return this;
    }

    /** Leaves out the directory entries ({@code META-INF/services/}) that jar tools normally write. */
    TestJar noDirectoryEntries() {
        directoryEntries = false;
        return this;
    }

    TestJar noManifest() {
        withManifest = false;
        return this;
    }

    /** A working provider of {@code type} serving {@code imports} (function {@code greet}), listed in the service file. */
    TestJar provider(String className, String type, String... imports) {
        return source(className, providerSource(className, quote(type), "", imports)).service(className);
    }

    /** A provider whose constructor runs {@code body}, listed in the service file. */
    TestJar providerWithConstructor(String className, String type, String constructorBody, String... imports) {
        return source(className, providerSource(className, quote(type), constructorBody, imports)).service(className);
    }

    /** {@code source}'s provider, listed in the service file. */
    TestJar provider(ProviderSource source) {
        return source(source.className(), source.text()).service(source.className());
    }

    /** Compiles {@code className} but leaves its class file out of the jar, so that using it throws NoClassDefFoundError. */
    TestJar omit(String className) {
        omitted.add(className.replace('.', '/') + ".class");
        return this;
    }

    TestJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    TestJar service(String className) {
        services.add(className);
        return this;
    }

    TestJar entry(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    Path writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            Path jar = folder.resolve(fileName);
            Map<String, byte[]> all = new LinkedHashMap<>();
            if (withManifest) {
                all.put("META-INF/MANIFEST.MF", manifestBytes());
            }
            all.putAll(compile(folder.resolveSibling(fileName + "-build")));
            all.keySet().removeAll(omitted);
            if (!services.isEmpty()) {
                all.put(SERVICE_FILE, String.join("\n", services).concat("\n").getBytes(StandardCharsets.UTF_8));
            }
            all.putAll(entries);
            try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
                if (directoryEntries) { // as the jar tool and Maven write them; PF4J lists META-INF/services/ through them
                    for (String directory : directories(all.keySet())) {
                        zip.putNextEntry(new ZipEntry(directory));
                        zip.closeEntry();
                    }
                }
                for (Map.Entry<String, byte[]> entry : all.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.SortedSet<String> directories(java.util.Set<String> files) {
        java.util.SortedSet<String> directories = new java.util.TreeSet<>();
        for (String file : files) {
            for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
                directories.add(file.substring(0, slash + 1));
            }
        }
        return directories;
    }

    private byte[] manifestBytes() throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((key, value) -> mf.getMainAttributes().putValue(key, value));
        var out = new java.io.ByteArrayOutputStream();
        mf.write(out);
        return out.toByteArray();
    }

    private Map<String, byte[]> compile(Path build) throws IOException {
        if (sources.isEmpty()) {
            return Map.of();
        }
        Path src = build.resolve("src");
        Path classes = build.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", apiLocation(), "-nowarn"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        var errors = new java.io.StringWriter();
        var writer = new java.io.PrintWriter(errors);
        int status = JAVAC.run(writer, writer, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("test sources do not compile:\n" + errors);
        }
        Map<String, byte[]> compiled = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                compiled.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return compiled;
    }

    /** Where theater-api's classes are (a jar or a folder), to compile against. */
    static String apiLocation() {
        try {
            return Path.of(HandlerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bytes of a class of the test's own class path, e.g. to bundle a copy of theater-api into a plugin. */
    static byte[] classBytes(Class<?> type) {
        try (var in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static String providerSource(String className, String typeExpression, String constructorBody,
                                         String... imports) {
        int dot = className.lastIndexOf('.');
        String importList = Stream.of(imports).map(TestJar::quote).collect(Collectors.joining(", "));
        return """
                package %s;

                import dev.theater.api.handler.*;
                import dev.theater.api.wit.WitValue;
                import java.util.*;

                public class %s implements HandlerProvider {
                    public %s() { %s }
                    @Override public String type() { return %s; }
                    @Override public Set<String> imports() { return Set.of(%s); }
                    @Override public Set<String> exports() { return Set.of(); }
                    @Override public Handler create(HandlerContext context) {
                        String greeting = context.config().string("greeting").orElse("hello");
                        return new Handler() {
                            @Override public void link(HostLinker linker) {
                                for (String iface : imports()) {
                                    linker.define(iface, "greet", args -> Optional.of(new WitValue.Str(
                                            greeting + " " + ((WitValue.Str) args.get(0)).value() + " from " + type())));
                                }
                            }
                        };
                    }
                }
                """.formatted(className.substring(0, dot), className.substring(dot + 1),
                className.substring(dot + 1), constructorBody, typeExpression, importList);
    }
}
