package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code theater run} on the examples, with the built-in handlers loaded as plugins from the distribution folder. */
class RunCommandTest {

    static final Path ROOT = Path.of(System.getProperty("theater.testActors", "../test-actors")).getParent();
    static final Path PLUGINS = Path.of(System.getProperty("theater.pluginsFolder", "target/theater/plugins"));

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int theater(String... args) {
        CommandLine cl = TheaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void runsPingPongAndLeavesVerifiedChains() {
        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--exit-after", "300ms",
                ROOT.resolve("examples/ping-pong/pong.toml").toString(), ROOT.resolve("examples/ping-pong/ping.toml").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("ping: "))).containsExactly(
                "ping: ping starting", "ping: ping got: pong 1", "ping: ping got: pong 2", "ping: ping got: pong 3",
                "ping: ping done");
        assertThat(out.toString().lines().filter(l -> l.startsWith("pong: "))).containsExactly(
                "pong: pong ready", "pong: pong got: hello from ping", "pong: pong 1", "pong: pong 2", "pong: pong 3");
        assertThat(out.toString().lines().filter(l -> l.startsWith("chain of "))).hasSize(2)
                .allMatch(l -> l.contains(" events verified") && l.contains(home.toString()), "reports a verified chain under --home");
    }

    @Test
    void sendsMessagesFromTheCommandLine() {
        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--interpreter",
                "--send", "hello={\"text\":\"hi\"}", "--exit-after", "0ms", ROOT.resolve("examples/hello/hello.toml").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("hello: ")))
                .containsExactly("hello: hello from hello", "hello: got: {\"text\":\"hi\"}");
    }

    @Test
    void exitsWhenEveryActorHasStopped() {
        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--send", "ping=stop",
                ROOT.resolve("examples/ping-pong/ping.toml").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ping: ping stopping\n");
    }

    @Test
    void namesAMissingManifest() {
        Path missing = home.resolve("nope.toml");

        int exit = theater("run", "--home", home.toString(), missing.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("theater: " + missing + ":");
    }

    @Test
    void refusesAnImportWhoseSignatureDisagreesWithItsWit() throws Exception {
        Path manifest = home.resolve("bad.toml");
        java.nio.file.Files.writeString(manifest, "name = \"bad\"\ncomponent_path = \""
                + ROOT.resolve("test-actors/bad-signature/bad-signature.wasm") + "\"\n[[handlers]]\ntype = \"runtime\"\n");

        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), manifest.toString());

        assertThat(exit).isEqualTo(1);
        // (the test class path holds the handler jars too, so duplicate-type warnings may come first)
        assertThat(err.toString().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("theater: actor 'bad': "
                + ROOT.resolve("test-actors/bad-signature/bad-signature.wasm") + ": import 'theater:simple/runtime.log' has core signature (i32) -> () but WIT 'log: func(msg: string)'"
                + " needs (i32, i32) -> ()");
    }

    @Test
    void refusesABadDuration() {
        int exit = theater("run", "--exit-after", "soon", ROOT.resolve("examples/hello/hello.toml").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: --exit-after must be a number followed by ms, s or m (e.g. 2s),"
                + " was 'soon'\n");
    }
}
