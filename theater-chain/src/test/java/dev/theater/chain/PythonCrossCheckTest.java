package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.theater.testing.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's 30-line python verifier (tools/verify_chain.py) agrees with the Java one. Skipped without python3. */
class PythonCrossCheckTest {
    @TempDir
    Path home;

    static String run(Path file) throws IOException, InterruptedException {
        ProcessBuilder verify = new ProcessBuilder("python3", "tools/verify_chain.py", file.toString()).redirectErrorStream(true);
        try (ChildProcess p = ChildProcess.start("python3 tools/verify_chain.py", verify)) {
            p.awaitExit(Duration.ofSeconds(30));
            return String.join("\n", p.printed()).strip();
        }
    }

    static boolean hasPython() throws InterruptedException {
        try (ChildProcess p = ChildProcess.start("python3 --version", new ProcessBuilder("python3", "--version"))) {
            return p.awaitExit(Duration.ofSeconds(10)) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Timeout(120) // the waits above fail first, with the script's output
    void thePythonScriptVerifiesWhatJavaWroteAndCatchesTampering() throws Exception {
        assumeTrue(hasPython(), "python3 is not installed");
        Path file;
        String head;
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("py")) {
            chain.append("lifecycle/start", "{}".getBytes(StandardCharsets.UTF_8));
            chain.append("wasm", "{\"n\":1}".getBytes(StandardCharsets.UTF_8), "naïve ☃");
            head = chain.append("theater:simple/runtime/log", new byte[] {0, 1, 2}).hash().hex();
            file = chain.file();
        }
        assertThat(run(file)).isEqualTo("OK 3 events head " + head);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1; // the last byte of the last event's encoding
        Files.write(file, bytes);
        assertThat(run(file)).startsWith("BAD event 2 at offset ").endsWith(": HASH_MISMATCH");
    }
}
