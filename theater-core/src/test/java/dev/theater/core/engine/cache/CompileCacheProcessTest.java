package dev.theater.core.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.testing.TestActors;
import dev.theater.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compile cache across real JVMs ({@link CompileCacheChild}): a fresh process loads what another compiled, and
 * two processes compiling the same module into one cache at the same moment leave one valid entry that a third
 * process loads.
 */
class CompileCacheProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private static ProcessBuilder child(Path home, Path wasm, String go, String... calls) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CompileCacheChild.class.getName(), home.toString(),
                wasm.toString(), go));
        command.addAll(List.of(calls));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** Runs a child to its end; every line it printed. */
    private static List<String> run(ProcessBuilder builder) throws Exception {
        try (ChildProcess child = ChildProcess.start("the compile cache child", builder)) {
            assertThat(child.awaitExit(WAIT)).as("exit code; printed %s", child.printed()).isZero();
            return child.printed();
        }
    }

    @Test
    @Timeout(300)
    void aFreshProcessLoadsTheClassesAnotherCompiled() throws Exception {
        Path home = dir.resolve("home");
        Path runaway = TestActors.wasm("runaway");

        List<String> first = run(child(home, runaway, "-", "theater:test/runaway#grow=0"));
        List<String> second = run(child(home, runaway, "-", "theater:test/runaway#grow=0"));

        assertThat(first).hasSize(3).endsWith("COMPILED interpreted=0", "compiles=1 hits=0 writes=1");
        assertThat(second).hasSize(3).endsWith("LOADED_FROM_CACHE interpreted=0", "compiles=0 hits=1 writes=0");
        assertThat(second.getFirst()).startsWith("theater:test/runaway#grow(0) = ").isEqualTo(first.getFirst());
        assertThat(CacheFolder.under(home).entries()).hasSize(1);
    }

    @Test
    @Timeout(600)
    void twoProcessesFillingOneCacheAtOnceLeaveOneGoodEntryThatAThirdLoads() throws Exception {
        Path home = dir.resolve("home");
        Path wasm = dir.resolve("generated.wasm");
        Files.write(wasm, GeneratedModule.of(3000, 1)); // ~a second to compile: the two compiles overlap
        Path go = dir.resolve("go");
        String[] calls = {"small_2999=1", "huge_0=1"};

        List<String> a;
        List<String> b;
        try (ChildProcess one = ChildProcess.start("child one", child(home, wasm, go.toString(), calls));
             ChildProcess two = ChildProcess.start("child two", child(home, wasm, go.toString(), calls))) {
            one.awaitLine("ready", WAIT);
            two.awaitLine("ready", WAIT);
            Files.createFile(go); // both JVMs are up: they start loading within milliseconds of each other
            assertThat(one.awaitExit(WAIT)).as("child one printed %s", one.printed()).isZero();
            assertThat(two.awaitExit(WAIT)).as("child two printed %s", two.printed()).isZero();
            a = one.printed();
            b = two.printed();
        }
        List<String> third = run(child(home, wasm, "-", calls));

        List<String> results = List.of("small_2999(1) = 3020", "huge_0(1) = " + (1 + GeneratedModule.HUGE_ADDS));
        for (List<String> filler : List.of(a, b)) {
            assertThat(filler.subList(1, 3)).isEqualTo(results);
            assertThat(filler.get(3)).isEqualTo("COMPILED interpreted=1");
            assertThat(filler.get(4)).matches("compiles=1 hits=0 writes=[01]");
        }
        // the second move replaced the first's entry with the same bytes, or found it there and was skipped
        assertThat(third).containsExactly(results.get(0), results.get(1), "LOADED_FROM_CACHE interpreted=1",
                "compiles=0 hits=1 writes=0");
        List<CacheFolder.Entry> entries = CacheFolder.under(home).entries();
        assertThat(entries).hasSize(1);
        try (Stream<Path> files = Files.list(entries.getFirst().file().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("entry.bin"); // no temp file left
        }
    }
}
