package dev.theater.bench.abi;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.Engine;
import dev.theater.core.EngineMode;
import dev.theater.wit.TheaterWit;
import dev.theater.wit.WitParser;
import java.nio.file.Path;
import java.util.Optional;

/** The shapes test guest linked with no-op host functions; finds test-actors/ via -Dtheater.testActors (default ./test-actors). */
final class ShapesGuest {

    static final WitInterface CLIENT = TheaterWit.load().requireInterface("message-server-client");
    static final WitInterface SHAPES = WitParser.parseDirectory(folder().resolve("shapes")).requireInterface("shapes");
    private static final Optional<WitValue> SEND_OK = Optional.of(WitValue.ResultValue.okEmpty());

    private ShapesGuest() {
    }

    static Path folder() {
        return Path.of(System.getProperty("theater.testActors", "test-actors"));
    }

    static WitInstance start(EngineMode mode) {
        var module = Engine.create(mode).load(folder().resolve("shapes").resolve("shapes.wasm"));
        return WitLinker.forModule(module)
                .define(TheaterWit.load().requireInterface("runtime"), "log", (ctx, args) -> Optional.empty())
                .define(TheaterWit.load().requireInterface("message-server-host"), "send", (ctx, args) -> SEND_OK)
                .instantiate();
    }

    static byte[] payload(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }
}
