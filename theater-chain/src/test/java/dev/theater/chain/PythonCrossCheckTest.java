package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.theater.testing.ChildProcess;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's python verifier (tools/verify_chain.py) agrees with the Java one on every damaged variant of a
 * small chain: every byte flipped with three masks (alone and before a zero tail), every body byte flipped with
 * the body checksum recomputed, every truncation (alone and before a zero tail). Skipped without python3.
 */
class PythonCrossCheckTest {
    private static final String USAGE = "usage: verify_chain.py CHAIN_FILE";

    @TempDir
    Path home;
    @TempDir
    Path variants;
    Path file;
    String head;
    byte[] pristine;

    @BeforeEach
    void writeSmallChain() throws IOException, InterruptedException {
        assumeTrue(hasPython(), "python3 is not installed");
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("py")) {
            chain.append("lifecycle/start", "{}".getBytes(StandardCharsets.UTF_8));
            chain.append("wasm", "{\"n\":1}".getBytes(StandardCharsets.UTF_8), "naïve ☃");
            head = chain.append("theater:simple/runtime/log", new byte[] {0, 1, 2}).hash().hex();
            file = chain.file();
        }
        pristine = Files.readAllBytes(file);
    }

    /** Runs the script as a user does: its whole output (stdout and stderr) and its exit status. */
    static String run(int expectedExit, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "tools/verify_chain.py"));
        command.addAll(List.of(args));
        try (ChildProcess p = ChildProcess.start("python3 tools/verify_chain.py",
                new ProcessBuilder(command).redirectErrorStream(true))) {
            int exit = p.awaitExit(Duration.ofSeconds(30));
            String printed = String.join("\n", p.printed()).strip();
            assertThat(exit).as("exit status; printed: %s", printed).isEqualTo(expectedExit);
            return printed;
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
        assertThat(run(0, file.toString())).isEqualTo("OK 3 events head " + head);
        byte[] bytes = pristine.clone();
        bytes[bytes.length - 1] ^= 1; // the last byte of the last event's encoding: the body checksum fails
        Files.write(file, bytes);
        String lastRecord = Long.toString(ChainStore.verifyFile(file).failure().orElseThrow().offset());
        assertThat(run(1, file.toString())).isEqualTo("BAD event 2 at offset " + lastRecord
                + ": UNREADABLE_RECORD: the record body checksum does not match");
    }

    @Test
    @Timeout(300)
    void pythonAndJavaAgreeOnEveryFlippedByteEveryTruncationAndZeroTails() throws Exception {
        List<byte[]> damaged = new ArrayList<>();
        for (int i = 0; i < pristine.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] d = pristine.clone();
                d[i] ^= (byte) mask;
                damaged.add(d);
                damaged.add(Arrays.copyOf(d, d.length + 64)); // the same, followed by a zero tail
            }
        }
        int flips = damaged.size();
        // a forger's edits: a body byte flipped and the body checksum recomputed, so that the checks after the
        // checksums (encoding, parent link, hash) decide
        for (int start = 8; start < pristine.length; start += 12 + ByteBuffer.wrap(pristine, start, 4).getInt()) {
            int n = ByteBuffer.wrap(pristine, start, 4).getInt();
            for (int i = start + 12; i < start + 12 + n; i++) {
                byte[] d = pristine.clone();
                d[i] ^= 0x01;
                CRC32C crc = new CRC32C();
                crc.update(d, start + 12, n);
                ByteBuffer.wrap(d, start + 8, 4).putInt((int) crc.getValue());
                damaged.add(d);
            }
        }
        for (int cut = 0; cut <= pristine.length; cut++) {
            damaged.add(Arrays.copyOf(pristine, cut));
            damaged.add(Arrays.copyOf(Arrays.copyOf(pristine, cut), cut + 20)); // a zero tail after the cut
        }
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < damaged.size(); k++) {
            Path f = variants.resolve("v" + k + ".chain");
            Files.write(f, damaged.get(k));
            files.add(f);
        }
        List<String> python = pythonVerdicts(files);
        assertThat(python).hasSize(files.size());
        Set<String> seen = new TreeSet<>();
        for (int k = 0; k < files.size(); k++) {
            String java = javaVerdict(files.get(k));
            assertThat(verdict(python.get(k))).as("variant %d: python said %s", k, python.get(k)).isEqualTo(java);
            if (k < flips) {
                assertThat(java).as("variant %d (a flip) is damage, not a torn tail", k).startsWith("BAD ")
                        .doesNotEndWith(": TORN_TAIL");
            }
            seen.add(java.startsWith("OK") ? "OK" : java.substring(java.lastIndexOf(": ") + 2));
        }
        assertThat(seen).containsExactly("BAD_HEADER", "BROKEN_PARENT_LINK", "HASH_MISMATCH", "OK", "TORN_TAIL",
                "UNREADABLE_RECORD");
    }

    @Test
    @Timeout(120)
    void withoutOneFileArgumentOrWithAMissingFileOrADirectoryItPrintsItsUsage() throws Exception {
        assertThat(run(2)).isEqualTo(USAGE);
        assertThat(run(2, file.toString(), file.toString())).isEqualTo(USAGE);
        Path missing = home.resolve("no-such.chain");
        assertThat(run(2, missing.toString()))
                .isEqualTo("verify_chain.py: cannot read " + missing + ": No such file or directory\n" + USAGE);
        assertThat(run(2, home.toString()))
                .isEqualTo("verify_chain.py: cannot read " + home + ": Is a directory\n" + USAGE);
    }

    /** The Java verdict in the script's form, without the detail: {@code OK 3 events head <hex>} or {@code BAD event 2 at offset 99: HASH_MISMATCH}. */
    static String javaVerdict(Path f) {
        VerificationReport r = ChainStore.verifyFile(f);
        return r.failure().map(x -> "BAD event " + x.index() + " at offset " + x.offset() + ": " + x.reason())
                .orElseGet(() -> "OK " + r.validCount() + " events head " + r.head().map(Hash::hex).orElse("-"));
    }

    /** The script's line without its detail (the part after the reason). */
    static String verdict(String line) {
        String[] parts = line.split(": ", 3);
        return parts.length < 2 ? line : parts[0] + ": " + parts[1];
    }

    /** One python process verifies every file through the script's own {@code verify_file}. */
    static List<String> pythonVerdicts(List<Path> files) throws IOException, InterruptedException {
        Path list = files.getFirst().resolveSibling("files.txt");
        Files.write(list, files.stream().map(Path::toString).toList());
        String program = "import sys; sys.path.insert(0, 'tools'); from verify_chain import verify_file\n"
                + "for p in open(sys.argv[1]).read().split('\\n'):\n    p and print(verify_file(p))";
        try (ChildProcess p = ChildProcess.start("python3 (verify_file of each variant)",
                new ProcessBuilder("python3", "-c", program, list.toString()).redirectErrorStream(true))) {
            assertThat(p.awaitExit(Duration.ofSeconds(240))).as("python: %s", p.printed()).isZero();
            return p.printed();
        }
    }
}
