package dev.theater.wit;

import dev.theater.api.TheaterException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the {@code theater:simple} WIT files bundled in this jar. */
public final class TheaterWit {

    /** The package's files, in the order a parser should read them (shared types first). */
    public static final List<String> FILES = List.of(
            "types.wit", "actor.wit", "runtime.wit", "message-server.wit", "supervisor.wit", "store.wit",
            "filesystem.wit", "http-types.wit", "http-client.wit", "http-framework.wit", "http-handlers.wit",
            "timing.wit",
            "timers.wit", "worlds.wit");

    private TheaterWit() {
    }

    /** The text of one bundled file, e.g. {@code "runtime.wit"}. */
    public static String read(String fileName) {
        try (InputStream in = TheaterWit.class.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new TheaterException(TheaterException.Phase.WIT, "no bundled WIT file '" + fileName + "' in dev.theater.wit; have " + FILES);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TheaterException(TheaterException.Phase.WIT, "reading bundled WIT file " + fileName + " failed: " + e, e);
        }
    }

    /** The bundled {@code theater:simple} package, parsed once and cached. */
    public static WitPackage load() {
        return Loaded.PACKAGE;
    }

    /**
     * The bundled package as the one package a parse may use besides its own and its dependencies, for WIT that uses
     * theater:simple types: {@code WitParser.parse(files, TheaterWit.packages())}.
     */
    public static WitPackages packages() {
        return Loaded.PACKAGES;
    }

    /** Holder: parses on first use, thread-safely, by the class-initialisation rules. */
    private static final class Loaded {
        static final WitPackage PACKAGE = WitParser.parse(readAll());
        static final WitPackages PACKAGES = WitPackages.of(PACKAGE);
    }

    /** Every bundled file by name, in {@link #FILES} order. */
    public static Map<String, String> readAll() {
        return FILES.stream().collect(Collectors.toMap(Function.identity(), TheaterWit::read,
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
