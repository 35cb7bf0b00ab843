package dev.theater.cli;

import static dev.theater.cli.Scaffolded.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainStore;
import dev.theater.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript example, {@code examples/js-tally}: built with componentize-js by its own {@code build.sh} (skipped,
 * saying why, without node or npm), then run as a component by a real {@code theater run} process, checked by
 * behaviour (the build is not byte-reproducible). And that the example is what {@code theater new actor --lang js}
 * writes, but for its script and world, with the repository's theater:simple WIT.
 */
class JsActorTest {

    static final Path EXAMPLE = RunCommandTest.ROOT.resolve("examples/js-tally").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    @Timeout(900) // build (npm ci, componentize-js) and the first compile of a 12 MB module; the waits below fail first
    void theTallyExampleCountsWordsInItsJsonStateAndAnswersRequests() throws Exception {
        JsBuild.component(EXAMPLE, "tally");
        Path home = dir.resolve("home");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TheaterCommand.class.getName(), "run", "--home", home.toString(), "--no-builtin-handlers",
                "--plugins", RunCommandTest.PLUGINS.toString(),
                "--send", "tally=The cat and the hat", "--send", "tally=", "--send", "tally=the end",
                "--request", "tally=top 2", "--request", "tally=count", "--exit-after", "0ms",
                EXAMPLE.resolve("tally.toml").toString()).redirectErrorStream(true);
        List<String> lines;
        int exit;
        try (ChildProcess theater = ChildProcess.start("theater run tally", run)) {
            exit = theater.awaitExit(Duration.ofMinutes(10));
            lines = theater.printed();
        }

        // the empty message is an error result: that delivery fails, so run stops there, as it does for any actor
        Path chain = home.resolve("chains/tally.chain");
        assertThat(exit).as(String.join("\n", lines)).isEqualTo(1);
        assertThat(lines).filteredOn(l -> l.startsWith("tally: ")).containsExactly(
                "tally: tally started as tally (0 messages so far)", "tally: message 1: 5 words (4 new)");
        // (the test class path holds the built-in handlers too: run warns that the plugins folder's copies win)
        assertThat(lines).filteredOn(l -> l.startsWith("theater: actor") || l.startsWith("chain of ")).containsExactly(
                "chain of tally: " + chain + ": " + ChainStore.readFile(chain).size() + " events verified",
                "theater: actor 'tally': theater:simple/message-server-client#handle-send returned an error: empty"
                        + " message: nothing to count");

        // the state from before the error is kept: the next run resumes from it and goes on counting
        ProcessBuilder resumed = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TheaterCommand.class.getName(), "run", "--home", home.toString(), "--no-builtin-handlers",
                "--plugins", RunCommandTest.PLUGINS.toString(), "--resume",
                "--send", "tally=the end", "--request", "tally=top 2", "--request", "tally=count",
                "--request", "tally=reset", "--request", "tally=count", "--exit-after", "0ms",
                EXAMPLE.resolve("tally.toml").toString()).redirectErrorStream(true);
        try (ChildProcess theater = ChildProcess.start("theater run --resume tally", resumed)) {
            exit = theater.awaitExit(Duration.ofMinutes(10));
            lines = theater.printed();
        }
        assertThat(exit).as(String.join("\n", lines)).isZero();
        assertThat(lines).filteredOn(l -> l.startsWith("tally: ")).containsExactly(
                "tally: tally started as tally (1 messages so far)", "tally: message 2: 2 words (1 new)",
                "tally: reset after 2 messages");
        assertThat(lines).filteredOn(l -> l.startsWith("tally answered")).containsExactly(
                "tally answered: [{\"word\":\"the\",\"count\":3},{\"word\":\"and\",\"count\":1}]",
                "tally answered: {\"messages\":2,\"words\":5}",
                "tally answered: {\"reset\":true}",
                "tally answered: {\"messages\":0,\"words\":0}");
        List<String> chainLines = lines.stream().filter(l -> l.startsWith("chain of ")).toList();
        assertThat(chainLines).hasSize(2);
        assertThat(chainLines.get(0)).matches("chain of tally: resumed from the state recorded by event [0-9]+");
        assertThat(chainLines.get(1))
                .isEqualTo("chain of tally: " + chain + ": " + ChainStore.readFile(chain).size() + " events verified");
    }

    @Test
    void theExampleIsWhatNewActorLangJsWritesButForItsScriptAndWorld() throws Exception {
        assertThat(Scaffolded.theater("new", "actor", "tally", "--lang", "js", "--dir", dir.toString()).exit()).isZero();
        Path scaffold = dir.resolve("tally");

        for (String file : List.of("build.mjs", "build.sh", "package-lock.json", ".gitignore")) {
            assertThat(read(EXAMPLE.resolve(file))).as(file).isEqualTo(read(scaffold.resolve(file)));
        }
        assertThat(Files.isExecutable(EXAMPLE.resolve("build.sh"))).isTrue();
        try (Stream<Path> deps = Files.list(scaffold.resolve("wit/deps/theater-simple"))) {
            List<Path> wit = deps.sorted().toList();
            assertThat(wit).isNotEmpty();
            for (Path file : wit) {
                assertThat(read(EXAMPLE.resolve("wit/deps/theater-simple").resolve(file.getFileName())))
                        .as("examples/js-tally/wit/deps/theater-simple/" + file.getFileName() + " is wit/'s")
                        .isEqualTo(read(file));
            }
            try (Stream<Path> mine = Files.list(EXAMPLE.resolve("wit/deps/theater-simple"))) {
                assertThat(mine.count()).isEqualTo(wit.size());
            }
        }
    }
}
