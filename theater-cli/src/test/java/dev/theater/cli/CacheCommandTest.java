package dev.theater.cli;

import static dev.theater.cli.ChainCommandTest.theater;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.cli.ChainCommandTest.Result;
import dev.theater.core.CompileProgress;
import dev.theater.core.CompileProgress.Stage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code theater cache}, {@code cache info}, {@code cache clear} and {@code run --no-compile-cache} on the compile
 * cache a real {@code theater run} of the hello example fills; and the compile progress lines {@code run} prints.
 */
class CacheCommandTest {

    static final Path HELLO = RunCommandTest.ROOT.resolve("examples/hello/hello.toml");
    static final Path HELLO_WASM = RunCommandTest.ROOT.resolve("examples/hello/hello.wasm");

    @TempDir
    Path home;

    private static Result runHello(Path home, String... extra) {
        java.util.List<Object> args = new java.util.ArrayList<>(java.util.List.of("run", "--home", home, "--plugins",
                RunCommandTest.PLUGINS, "--exit-after", "200ms"));
        args.addAll(java.util.List.of(extra));
        args.add(HELLO);
        Result run = theater(args.toArray());
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }

    @Test
    void infoListsWhatARunCompiledAndClearEmptiesIt() throws Exception {
        runHello(home);
        Path entry;
        try (var entries = Files.list(home.resolve("cache/compiled"))) {
            entry = entries.findFirst().orElseThrow().resolve("entry.bin");
        }
        String key = entry.getParent().getFileName().toString();
        var written = Files.getLastModifiedTime(entry);
        runHello(home); // loads the entry: it is not written again
        assertThat(Files.getLastModifiedTime(entry)).isEqualTo(written);

        Result info = theater("cache", "info", "--home", home);
        assertThat(info.exit()).isZero();
        assertThat(info.lines()).hasSize(3);
        assertThat(info.lines().get(0)).isEqualTo("compile cache: " + home.resolve("cache/compiled"));
        assertThat(info.lines().get(1)).isEqualTo("1 entry, " + CacheInfoCommand.megabytes(Files.size(entry)));
        assertThat(info.lines().get(2)).startsWith("  " + key.substring(0, 16) + "  ")
                .contains(CacheInfoCommand.megabytes(Files.size(entry))).endsWith("  " + HELLO_WASM);
        assertThat(theater("cache", "--home", home).out()).isEqualTo(info.out()); // info is the default

        long entryBytes = Files.size(entry);
        Result clear = theater("cache", "clear", "--home", home);
        assertThat(clear.exit()).isZero();
        assertThat(clear.lines()).containsExactly("cleared the compile cache " + home.resolve("cache/compiled")
                + ": 1 entry removed (" + CacheInfoCommand.megabytes(entryBytes) + ")");
        assertThat(theater("cache", "info", "--home", home).lines())
                .containsExactly("compile cache: " + home.resolve("cache/compiled"), "0 entries, 0.0 MB");
        assertThat(entry).doesNotExist();
    }

    @Test
    void runWithNoCompileCacheWritesNothing() {
        runHello(home, "--no-compile-cache");

        assertThat(home.resolve("cache")).doesNotExist();
        assertThat(home.resolve("chains/hello.chain")).exists();
    }

    @Test
    void runPrintsALongCompileAtMostOnceASecondAndHowItEnded() {
        StringWriter err = new StringWriter();
        CompilePrinter printer = new CompilePrinter(new PrintWriter(err, true));
        String js = "js.wasm";
        printer.onProgress(progress(js, Stage.COMPILING, 500, 1024, 1, 0)); // under a second: not shown
        printer.onProgress(progress(js, Stage.COMPILING, 1200, 2048, 1, 0));
        printer.onProgress(progress(js, Stage.COMPILING, 1900, 3072, 1, 0)); // within a second of the last: not shown
        printer.onProgress(progress(js, Stage.COMPILING, 2300, 1024, 3, 2));
        printer.onProgress(progress("small.wasm", Stage.COMPILED, 80, 12, 1, 0)); // quick: not shown
        printer.onProgress(new CompileProgress(js, Stage.COMPILED, Duration.ofMillis(28_400), 12681, 12681, 8, 7, true));
        printer.onProgress(new CompileProgress(js, Stage.LOADED_FROM_CACHE, Duration.ofMillis(1500), 12681, 12681, 0, 7,
                true));

        assertThat(err.toString().lines()).containsExactly(
                "theater: compiling js.wasm: 2048 of 12681 functions, 1.2 s",
                "theater: compiling js.wasm: 1024 of 12681 functions (pass 3: each earlier pass found a function too"
                        + " large to compile), 2.3 s",
                "theater: compiled js.wasm in 28.4 s; 7 of 12681 functions run interpreted (too large to compile);"
                        + " cached for the next start",
                "theater: loaded js.wasm from the compile cache in 1.5 s; 7 of 12681 functions run interpreted (too"
                        + " large to compile)");
    }

    private static CompileProgress progress(String module, Stage stage, long millis, int emitted, int pass, int interpreted) {
        return new CompileProgress(module, stage, Duration.ofMillis(millis), stage == Stage.COMPILED ? 12 : 12681,
                emitted, pass, interpreted, false);
    }
}
