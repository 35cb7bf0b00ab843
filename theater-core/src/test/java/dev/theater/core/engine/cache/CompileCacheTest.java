package dev.theater.core.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.CompileProgress;
import dev.theater.core.CompileProgress.Stage;
import dev.theater.core.EngineMode;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.Engine;
import dev.theater.core.engine.MemoryBudget;
import dev.theater.core.testing.TestActors;
import dev.theater.testing.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile cache in one JVM: each {@link Engine} here is new, so it has nothing in memory and must go to the disk
 * (the classes of every load get a class loader of their own). Damaged entries are refused and rewritten, stale
 * keys are not looked at, and the interpreted functions and the compile progress are reported.
 */
class CompileCacheTest {

    private static final String LOGGER = "dev.theater.core.engine.cache";
    private static final String GROW = "theater:test/runaway#grow";

    @TempDir
    Path home;

    private final CapturedLogs logs = CapturedLogs.of(LOGGER);
    private final List<CompileProgress> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void restoreLogging() {
        logs.close();
    }

    private ModuleCompiler compiler() {
        return ModuleCompiler.cached(CacheFolder.under(home), events::add);
    }

    /** Loads the runaway guest through a new engine with {@code compiler} and checks the classes run. */
    private static CompiledModule loadRunaway(ModuleCompiler compiler) {
        CompiledModule module = Engine.create(EngineMode.COMPILER, MemoryBudget.defaultForHeap(), compiler)
                .load(TestActors.wasm("runaway"));
        assertThat(module.instantiate().build().export(GROW).call(0)[0]).isGreaterThan(0); // the page count
        return module;
    }

    private Path entryOfRunaway() {
        return CacheFolder.under(home).entryFile(CacheKey.of(sha256(TestActors.bytes("runaway"))));
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(EntryFormat.sha256(bytes));
    }

    @Test
    void aSecondEngineLoadsFromTheCacheWithoutCompiling() throws Exception {
        ModuleCompiler first = compiler();
        loadRunaway(first);
        ModuleCompiler second = compiler();
        loadRunaway(second);

        assertThat(List.of(first.compiles(), first.hits(), first.writes())).containsExactly(1, 0, 1);
        assertThat(List.of(second.compiles(), second.hits(), second.writes())).containsExactly(0, 1, 0);
        assertThat(events.stream().map(CompileProgress::stage).filter(s -> s != Stage.COMPILING))
                .containsExactly(Stage.COMPILED, Stage.LOADED_FROM_CACHE);
        assertThat(events.getLast().cached()).isTrue();
        assertThat(CacheFolder.under(home).entries()).extracting(CacheFolder.Entry::file).containsExactly(entryOfRunaway());
        assertThat(logs.lines(LOGGER)).isEmpty();
    }

    private interface Damage {
        /** Damages {@code entry}, whose good bytes are {@code good}; returns the reason the warning must give. */
        String apply(Path entry, byte[] good) throws Exception;
    }

    /** Compiles runaway into the cache, damages its entry, and loads it again: refused, deleted, recompiled. */
    private void assertRecompiledAfter(Damage damage) throws Exception {
        loadRunaway(compiler());
        Path entry = entryOfRunaway();
        byte[] good = Files.readAllBytes(entry);
        String reason = damage.apply(entry, good);

        ModuleCompiler again = compiler();
        loadRunaway(again);

        assertThat(List.of(again.compiles(), again.hits(), again.writes())).containsExactly(1, 0, 1);
        assertThat(logs.lines(LOGGER)).containsExactly("WARNING compile cache entry " + entry + " for "
                + TestActors.wasm("runaway") + " is damaged (" + reason + "); deleted it, compiling the module again");
        assertThat(Files.readAllBytes(entry)).isEqualTo(good); // rewritten: compiles are deterministic
        ModuleCompiler third = compiler();
        loadRunaway(third);
        assertThat(List.of(third.compiles(), third.hits())).containsExactly(0, 1);
    }

    /** Magic, version, key (2 + 64 bytes), payload length, payload SHA-256. */
    private static final int HEADER = 8 + 4 + 66 + 8 + 32;

    @Test
    void aTruncatedEntryIsRecompiled() throws Exception {
        assertRecompiledAfter((entry, good) -> {
            Files.write(entry, Arrays.copyOf(good, good.length / 2));
            return "its header gives a payload of " + (good.length - HEADER) + " bytes, the file holds "
                    + (good.length / 2 - HEADER) + " (truncated or appended to)";
        });
    }

    @Test
    void anEntryCutInsideItsHeaderIsRecompiled() throws Exception {
        assertRecompiledAfter((entry, good) -> {
            Files.write(entry, Arrays.copyOf(good, 50));
            return "it is truncated (50 bytes)";
        });
    }

    @Test
    void anEntryWithAFlippedPayloadByteIsRecompiled() throws Exception {
        assertRecompiledAfter((entry, good) -> {
            byte[] bad = good.clone();
            bad[bad.length - 100] ^= 0x01;
            Files.write(entry, bad);
            return "its payload does not match its SHA-256";
        });
    }

    @Test
    void anEntryWithAFlippedMagicByteIsRecompiled() throws Exception {
        assertRecompiledAfter((entry, good) -> {
            byte[] bad = good.clone();
            bad[0] ^= 0x20;
            Files.write(entry, bad);
            return "it does not start with THEATRCC";
        });
    }

    @Test
    void anEntryOfAnotherFormatVersionIsRecompiled() throws Exception {
        assertRecompiledAfter((entry, good) -> {
            byte[] bad = good.clone();
            bad[11] = 2; // the version int after the magic; the SHA-256 covers only the payload
            Files.write(entry, bad);
            return "format version 2, expected 1";
        });
    }

    @Test
    void anEntryUnderTheWrongKeyIsRecompiled() throws Exception {
        byte[] other = GeneratedModule.of(3, 0);
        String otherKey = CacheKey.of(sha256(other));
        String runawayKey = CacheKey.of(sha256(TestActors.bytes("runaway")));
        Engine.create(EngineMode.COMPILER, MemoryBudget.defaultForHeap(), compiler()).compile("other.wasm", other);
        assertRecompiledAfter((entry, good) -> {
            Files.copy(CacheFolder.under(home).entryFile(otherKey), entry, StandardCopyOption.REPLACE_EXISTING);
            return "it holds key " + otherKey.substring(0, 16) + "…, not " + runawayKey.substring(0, 16) + "…";
        });
    }

    @Test
    void anEntryWhoseClassesDoNotLoadIsRecompiled() throws Exception {
        loadRunaway(compiler());
        Path entry = entryOfRunaway();
        byte[] good = Files.readAllBytes(entry);
        String key = CacheKey.of(sha256(TestActors.bytes("runaway")));
        CompiledClasses classes = EntryFormat.decode(key, good);
        Map<String, byte[]> broken = new LinkedHashMap<>(classes.classes());
        String victim = broken.keySet().stream().filter(n -> n.contains("FuncGroup_")).findFirst().orElseThrow();
        byte[] mangled = broken.get(victim).clone();
        mangled[mangled.length / 2] ^= (byte) 0xff; // intact header and checksum: only loading can tell
        broken.put(victim, mangled);
        Files.write(entry, EntryFormat.encode(key, new CompiledClasses(classes.source(), classes.moduleSha256(),
                classes.functions(), classes.interpreted(), classes.mainClass(), broken)));

        ModuleCompiler again = compiler();
        loadRunaway(again);

        assertThat(List.of(again.compiles(), again.hits(), again.writes())).containsExactly(1, 0, 1);
        assertThat(logs.lines(LOGGER)).singleElement().asString()
                .startsWith("WARNING compile cache entry " + entry + " for " + TestActors.wasm("runaway")
                        + " is damaged (its classes do not load: ")
                .endsWith("); deleted it, compiling the module again");
        assertThat(Files.readAllBytes(entry)).isEqualTo(good);
    }

    @Test
    void anEntryLeftByAnotherChicoryVersionIsNeverLookedAt() throws Exception {
        byte[] wasm = TestActors.bytes("runaway");
        String staleKey = CacheKey.of(sha256(wasm), "com.dylibso.chicory:compiler:1.7.4", ModuleCompiler.OPTIONS,
                EntryFormat.VERSION);
        loadRunaway(compiler());
        byte[] good = Files.readAllBytes(entryOfRunaway());
        Path stale = CacheFolder.under(home).entryFile(staleKey);
        Files.createDirectories(stale.getParent());
        Files.write(stale, EntryFormat.encode(staleKey, EntryFormat.decode(CacheKey.of(sha256(wasm)), good)));
        Files.delete(entryOfRunaway());

        ModuleCompiler later = compiler();
        loadRunaway(later);

        assertThat(List.of(later.compiles(), later.hits())).containsExactly(1, 0);
        assertThat(CacheKey.COMPILER).isEqualTo("com.dylibso.chicory:compiler:1.7.5"); // read from the jar
        assertThat(CacheFolder.under(home).entries()).hasSize(2); // the stale one untouched, a new one beside it
        assertThat(logs.lines(LOGGER)).isEmpty();
    }

    @Test
    void withoutTheCacheNothingIsWritten() {
        ModuleCompiler off = ModuleCompiler.uncached(events::add);
        loadRunaway(off);
        loadRunaway(ModuleCompiler.uncached(events::add));

        assertThat(off.compiles()).isEqualTo(1);
        assertThat(events.stream().filter(e -> e.stage() != Stage.COMPILING))
                .extracting(CompileProgress::stage, CompileProgress::cached)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Stage.COMPILED, false),
                        org.assertj.core.groups.Tuple.tuple(Stage.COMPILED, false));
        assertThat(home).isEmptyDirectory();
    }

    @Test
    void functionsTooLargeToCompileAreLoggedOneByOneAndCountedOncePerModule() {
        byte[] wasm = GeneratedModule.of(1100, 2);
        CompiledModule compiled = Engine.create(EngineMode.COMPILER, MemoryBudget.defaultForHeap(), compiler())
                .compile("gen.wasm", wasm);
        CompiledModule loaded = Engine.create(EngineMode.COMPILER, MemoryBudget.defaultForHeap(), compiler())
                .compile("gen.wasm", wasm);

        String count = "INFO gen.wasm: 2 of 1102 functions run interpreted (too large to compile)";
        assertThat(logs.allLines(LOGGER)).filteredOn(l -> !l.contains("compiled") && !l.contains("loaded from"))
                .containsExactly(
                        "FINE gen.wasm: using interpreted mode for WASM function 1100 (huge_0): too large for a JVM method",
                        "FINE gen.wasm: using interpreted mode for WASM function 1101 (huge_1): too large for a JVM method",
                        count,
                        "FINE gen.wasm: using interpreted mode for WASM function 1100 (huge_0): too large for a JVM method",
                        "FINE gen.wasm: using interpreted mode for WASM function 1101 (huge_1): too large for a JVM method",
                        count);
        for (CompiledModule module : List.of(compiled, loaded)) {
            var instance = module.instantiate().build();
            assertThat(instance.export("huge_1").call(2)[0]).isEqualTo(2 + GeneratedModule.HUGE_ADDS);
            assertThat(instance.export("small_1099").call(2)[0]).isEqualTo(2 + 1099 + 20);
        }
        assertThat(events.stream().filter(e -> e.stage() != Stage.COMPILING))
                .extracting(CompileProgress::stage, CompileProgress::functions, CompileProgress::interpreted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Stage.COMPILED, 1102, 2),
                        org.assertj.core.groups.Tuple.tuple(Stage.LOADED_FROM_CACHE, 1102, 2));
    }

    @Test
    void aCompileReportsEachFunctionGroupOfEachPass() {
        // 2500 small functions make three groups of 1024; the one huge function, in the third, restarts the emission
        Engine.create(EngineMode.COMPILER, MemoryBudget.defaultForHeap(), compiler())
                .compile("gen.wasm", GeneratedModule.of(2500, 1));

        List<String> seen = new ArrayList<>();
        for (CompileProgress e : events) {
            String step = e.stage() + " pass " + e.pass() + ": " + e.functionsEmitted() + "/" + e.functions();
            if (e.functionsEmitted() > 0 && (seen.isEmpty() || !seen.getLast().equals(step))) {
                seen.add(step); // the timer repeats the last state once a second: kept once
            }
        }
        assertThat(seen).containsExactly("COMPILING pass 1: 1024/2501", "COMPILING pass 1: 2048/2501",
                "COMPILING pass 2: 1024/2501", "COMPILING pass 2: 2048/2501", "COMPILING pass 2: 2501/2501",
                "COMPILED pass 2: 2501/2501");
        assertThat(events.getLast().interpreted()).isEqualTo(1);
        assertThat(events).allSatisfy(e -> assertThat(e.module()).isEqualTo("gen.wasm"));
    }
}
