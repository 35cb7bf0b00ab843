package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** The line {@code run} prints on the way out for the chain of {@code actor}, with its real event count. */
    private String verifiedChain(String actor) {
        Path file = home.resolve("chains").resolve(actor + ".chain");
        return "chain of " + actor + ": " + file + ": " + ChainStore.readFile(file).size() + " events verified";
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

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
        List<String> lines = out.toString().lines().toList();
        // the two actors log on their own threads: each one's lines are in order, but how they interleave varies
        assertThat(lines.stream().filter(l -> l.startsWith("ping: "))).containsExactly(
                "ping: ping starting", "ping: ping got: pong 1", "ping: ping got: pong 2", "ping: ping got: pong 3",
                "ping: ping done");
        assertThat(lines.stream().filter(l -> l.startsWith("pong: "))).containsExactly(
                "pong: pong ready", "pong: pong got: hello from ping", "pong: pong 1", "pong: pong 2", "pong: pong 3");
        assertThat(lines).hasSize(12).endsWith(verifiedChain("pong"), verifiedChain("ping"));
        assertThat(errLines()).containsExactlyElementsOf(BuiltInHandlers.duplicateWarningsOfRun());
    }

    @Test
    void runsTheSupervisionExample() {
        // the command of examples/supervision/README.md, with a home of its own
        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--exit-after", "3s",
                "--send", "parent=crash worker-2", ROOT.resolve("examples/supervision/parent.toml").toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        // each actor's lines are in order; the workers handle their jobs on their own threads, so how the actors
        // interleave varies (README.md there says which orders are fixed)
        assertThat(lines.stream().filter(l -> l.startsWith("parent: "))).containsExactly(
                "parent: spawned parent.worker-1", "parent: spawned parent.worker-2", "parent: spawned parent.worker-3",
                "parent: telling to crash: parent.worker-2",
                "parent: parent.worker-2 failed (internal); one-for-one restarts it",
                "parent: stopped: parent.worker-2", "parent: stopped: parent.worker-3", "parent: stopped: parent.worker-1");
        assertThat(lines.stream().filter(l -> l.startsWith("parent.worker-2: "))).containsExactly(
                "parent.worker-2: ready", "parent.worker-2: did job 1", "parent.worker-2: did job 2",
                "parent.worker-2: crashing", "parent.worker-2: back with {\"jobs\":2}");
        assertThat(lines.stream().filter(l -> l.startsWith("parent.worker-3: "))).containsExactly(
                "parent.worker-3: ready", "parent.worker-3: did job 1", "parent.worker-3: did job 2",
                "parent.worker-3: did job 3");
        assertThat(lines.stream().filter(l -> l.startsWith("parent/worker-2: "))).containsExactly(
                "parent/worker-2: spawned",
                "parent/worker-2: failed (" + ROOT.resolve("examples/supervision/worker.wasm") + ": export"
                        + " 'theater:simple/message-server-client#handle-send' trapped: Trapped on unreachable instruction)",
                "parent/worker-2: restarting parent.worker-2", "parent/worker-2: restarted",
                "parent/worker-2: stopped (its parent 'parent' is stopping)");
        assertThat(lines).contains("parent/worker-1: stopped (its parent 'parent' is stopping)",
                "parent/worker-3: stopped (its parent 'parent' is stopping)");
        assertThat(lines).hasSize(32).endsWith(verifiedChain("parent"), verifiedChain("parent.worker-1"),
                verifiedChain("parent.worker-2"), verifiedChain("parent.worker-3"));
        assertThat(errLines()).containsExactlyElementsOf(BuiltInHandlers.duplicateWarningsOfRun());
    }

    @Test
    void sendsMessagesFromTheCommandLine() {
        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--interpreter",
                "--send", "hello={\"text\":\"hi\"}", "--exit-after", "0ms", ROOT.resolve("examples/hello/hello.toml").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines())
                .containsExactly("hello: hello from hello", "hello: got: {\"text\":\"hi\"}", verifiedChain("hello"));
        assertThat(errLines()).containsExactlyElementsOf(BuiltInHandlers.duplicateWarningsOfRun());
    }

    @Test
    void exitsWhenEveryActorHasStopped() {
        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--send", "ping=stop",
                ROOT.resolve("examples/ping-pong/ping.toml").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines()).containsExactly("ping: ping starting",
                "ping: send failed: no running actor 'pong'", "ping: ping failed: no running actor 'pong'",
                "ping: ping failed: no running actor 'pong'", "ping: ping failed: no running actor 'pong'",
                "ping: ping done", "ping: ping stopping", verifiedChain("ping"));
        assertThat(errLines()).containsExactlyElementsOf(BuiltInHandlers.duplicateWarningsOfRun());
    }

    @Test
    void namesAMissingManifest() {
        Path missing = home.resolve("nope.toml");

        int exit = theater("run", "--home", home.toString(), missing.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: " + missing + ": cannot read manifest: no such file\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesAnImportWhoseSignatureDisagreesWithItsWit() throws Exception {
        Path manifest = home.resolve("bad.toml");
        java.nio.file.Files.writeString(manifest, "name = \"bad\"\ncomponent_path = \""
                + ROOT.resolve("test-actors/bad-signature/bad-signature.wasm") + "\"\n[[handlers]]\ntype = \"runtime\"\n");

        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), manifest.toString());

        assertThat(exit).isEqualTo(1);
        List<String> expected = new ArrayList<>(BuiltInHandlers.duplicateWarningsOfRun());
        expected.add("theater: actor 'bad': " + ROOT.resolve("test-actors/bad-signature/bad-signature.wasm")
                + ": import 'theater:simple/runtime.log' has core signature (i32) -> () but WIT 'log: func(msg: string)'"
                + " needs (i32, i32) -> ()");
        assertThat(errLines()).containsExactlyElementsOf(expected);
        // a failure after the system is up still stops it and verifies the chains first (the failed start's too)
        assertThat(out.toString().lines()).containsExactly(verifiedChain("bad"));
    }

    @Test
    void saysWhenOpeningAChainCutATornTailACrashLeft() throws Exception {
        String hello = ROOT.resolve("examples/hello/hello.toml").toString();
        assertThat(theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--exit-after", "0ms", hello))
                .as(err.toString()).isZero();
        Path chain = home.resolve("chains/hello.chain");
        long before = java.nio.file.Files.size(chain);
        try (var file = java.nio.channels.FileChannel.open(chain, java.nio.file.StandardOpenOption.WRITE)) {
            file.truncate(before - 5); // as a crash in the middle of writing the last record would leave it
        }
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);

        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--exit-after", "0ms", hello);

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        // the actor's own log line is printed from its chain subscription, so it may come before or after this one
        String cut = "chain of hello: opening it cut a torn tail a crash left \\(event \\d+ at offset \\d+: TORN_TAIL:"
                + " the record needs \\d+ bytes but the file ends after \\d+\\); recorded as a chain/torn-tail-cut event";
        assertThat(lines).hasSize(3).contains("hello: hello from hello").endsWith(verifiedChain("hello"))
                .anySatisfy(line -> assertThat(line).matches(cut));
        assertThat(ChainStore.readFile(chain).stream().filter(e -> e.eventType().equals("chain/torn-tail-cut")).count())
                .isEqualTo(1);
    }

    @Test
    void recordsPayloadsPastTheChainPayloadLimitAsTheirSizeAndHash() throws Exception {
        String hello = ROOT.resolve("examples/hello/hello.toml").toString();

        int exit = theater("run", "--home", home.toString(), "--plugins", PLUGINS.toString(), "--chain-payload-limit", "8",
                "--exit-after", "0ms", hello);

        assertThat(exit).as(err.toString()).isZero();
        byte[] line = "hello from hello".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(line));
        assertThat(out.toString().lines()).containsExactly("hello: (a line of 16 bytes, past the chain payload limit;"
                + " sha256 " + hash + ")", verifiedChain("hello"));
        assertThat(ChainStore.readFile(home.resolve("chains/hello.chain"))).filteredOn(e -> e.eventType()
                .equals("theater:simple/runtime/log")).extracting(e -> e.dataAsString())
                .containsExactly("{\"args\":{\"msg\":{\"size\":16,\"sha256\":\"" + hash + "\"}}}");
        err.getBuffer().setLength(0);
        assertThat(theater("run", "--chain-payload-limit", "-1", hello)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: --chain-payload-limit must be a number of bytes, optionally"
                + " followed by k, m or g (e.g. 512m), was '-1'\n");
    }

    @Test
    void refusesABadMemoryBudget() {
        int exit = theater("run", "--memory-budget", "1k", ROOT.resolve("examples/hello/hello.toml").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: the guest memory budget must be at least 65536 bytes (one page),"
                + " was 1024\n");
        err.getBuffer().setLength(0);
        assertThat(theater("run", "--memory-budget", "lots", ROOT.resolve("examples/hello/hello.toml").toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: --memory-budget must be a number of bytes, optionally followed by"
                + " k, m or g (e.g. 512m), was 'lots'\n");
    }

    @Test
    void refusesABadDuration() {
        int exit = theater("run", "--exit-after", "soon", ROOT.resolve("examples/hello/hello.toml").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("theater: --exit-after must be a number followed by ms, s or m (e.g. 2s),"
                + " was 'soon'\n");
    }
}
