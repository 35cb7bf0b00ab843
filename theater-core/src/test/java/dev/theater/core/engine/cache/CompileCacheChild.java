package dev.theater.core.engine.cache;

import dev.theater.core.CompileProgress;
import dev.theater.core.EngineMode;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.Engine;
import dev.theater.core.engine.MemoryBudget;
import dev.theater.core.engine.ModuleInstance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fresh JVM that loads one module through a cached engine and calls it, for {@link CompileCacheProcessTest}.
 * Arguments: the Theater home, the module file, a file to wait for before loading (or {@code -}), then
 * {@code export=argument} calls. Prints {@code ready} (when waiting), one {@code <export>(<arg>) = <result>} line per
 * call, the last compile event as {@code <STAGE> interpreted=<n>}, and {@code compiles=<n> hits=<n> writes=<n>}.
 */
public final class CompileCacheChild {

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path wasm = Path.of(args[1]);
        if (!args[2].equals("-")) {
            Path go = Path.of(args[2]);
            System.out.println("ready");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        List<CompileProgress> events = new CopyOnWriteArrayList<>();
        ModuleCompiler compiler = ModuleCompiler.cached(CacheFolder.under(home), events::add);
        Engine engine = Engine.create(EngineMode.COMPILER, MemoryBudget.defaultForHeap(), compiler);
        CompiledModule module = engine.load(wasm);
        ModuleInstance instance = module.instantiate().build();
        for (int i = 3; i < args.length; i++) {
            String[] call = args[i].split("=", 2);
            long result = instance.export(call[0]).call(Long.parseLong(call[1]))[0];
            System.out.println(call[0] + "(" + call[1] + ") = " + result);
        }
        CompileProgress last = events.getLast();
        System.out.println(last.stage() + " interpreted=" + last.interpreted());
        System.out.println("compiles=" + compiler.compiles() + " hits=" + compiler.hits() + " writes=" + compiler.writes());
    }
}
