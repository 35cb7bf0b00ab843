package dev.theater.core.abi.link;

import dev.theater.api.wit.WitInterface;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.Engine;
import dev.theater.core.EngineMode;
import dev.theater.wit.TheaterWit;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The C-built guests of test-actors/ (found through the theater.testActors system property) and their WIT. */
public final class TestGuests {

    private static final Map<EngineMode, Engine> ENGINES = new EnumMap<>(EngineMode.class);

    private TestGuests() {
    }

    public static Path folder() {
        String dir = System.getProperty("theater.testActors");
        if (dir == null) {
            throw new IllegalStateException("system property theater.testActors is not set (surefire sets it)");
        }
        return Path.of(dir);
    }

    public static synchronized Engine engine(EngineMode mode) {
        return ENGINES.computeIfAbsent(mode, Engine::create);
    }

    /** The guest {@code test-actors/<name>/<name>.wasm}, compiled under its file name so that errors read short. */
    public static CompiledModule module(EngineMode mode, String name) {
        return compile(mode, name, name + ".wasm");
    }

    /**
     * The component form of the guest, {@code test-actors/<name>/<name>.component.wasm}: its core module wrapped by
     * {@code jco embed} and {@code jco new} (test-actors/build-components.sh).
     */
    public static CompiledModule component(EngineMode mode, String name) {
        return compile(mode, name, name + ".component.wasm");
    }

    private static CompiledModule compile(EngineMode mode, String guest, String file) {
        try {
            return engine(mode).compile(file, Files.readAllBytes(folder().resolve(guest).resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package of {@code test-actors/<name>/*.wit}. */
    public static WitPackage wit(String name) {
        return WitParser.parseDirectory(folder().resolve(name));
    }

    public static WitInterface simple(String iface) {
        return TheaterWit.load().requireInterface(iface);
    }
}
