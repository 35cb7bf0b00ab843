package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("theater.testActors", "../test-actors")).getParent();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int theater(String... args) {
        CommandLine cl = TheaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runsTheHelloExampleThreadingItsState() {
        Path hello = ROOT.resolve("examples/hello/hello.wasm");

        int exit = theater("run", hello.toString(), "--send", "{\"text\":\"hi\"}", "--send", "second");

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "[hello] hello from hello",
                "[hello] state after init: {\"greeted\":1}",
                "[hello] got: {\"text\":\"hi\"}",
                "[hello] state after handle-send: {\"greeted\":2}",
                "[hello] got: second",
                "[hello] state after handle-send: {\"greeted\":3}",
                "[hello] final state: {\"greeted\":3}");
    }

    @Test
    void runsInTheInterpreterWithAnotherId() {
        int exit = theater("run", ROOT.resolve("examples/hello/hello.wasm").toString(), "--interpreter", "--id", "h-1");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("[h-1] hello from h-1\n");
    }

    @Test
    void refusesAnImportWhoseSignatureDisagreesWithItsWit() {
        Path bad = ROOT.resolve("test-actors/bad-signature/bad-signature.wasm");

        int exit = theater("run", bad.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: " + bad + ": import 'theater:simple/runtime.log' has core"
                + " signature (i32) -> () but WIT 'log: func(msg: string)' needs (i32, i32) -> ()\n");
    }

    @Test
    void refusesAFileThatIsNotWasm() {
        Path readme = ROOT.resolve("README.md");

        int exit = theater("run", readme.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: " + readme + " is not a WebAssembly module (it does not start with \\0asm)\n");
    }
}
