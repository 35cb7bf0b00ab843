package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a child JVM ({@link CrashChild}) with SIGKILL while it appends, and checks that every reopen yields a
 * valid chain holding at least everything the child saw persisted. Timeouts run in a separate thread: a test
 * stuck reading a silent child still fails, and the child is killed after it.
 */
class CrashRecoveryTest {
    private static final int KILLS = 24;

    @TempDir
    Path home;
    private Process child;

    /** What the child last printed as persisted: its event count and head hash. */
    private record Persisted(long count, String head) {
    }

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
    void aKilledWriterNeverLosesAnAcknowledgedEvent() throws Exception {
        Random random = new Random(42);
        long size = 0;
        int recoveries = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            FsyncPolicy policy = kill % 3 == 0 ? FsyncPolicy.GROUP_COMMIT : FsyncPolicy.NEVER;
            Persisted persisted;
            try (BufferedReader out = start(policy, kill, 0, 0)) {
                assertThat(out.readLine()).as("child start").isEqualTo("opened " + size);
                persisted = readPersisted(out, 1 + random.nextInt(6));
                Thread.sleep(random.nextInt(15)); // kill at a random moment, sometimes inside a record
                killAndWait();
            }
            try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("crashy")) {
                assertKeeps(chain, persisted, "kill " + kill);
                size = chain.size();
                recoveries += chain.recovery().isPresent() ? 1 : 0;
            }
        }
        // a random kill may or may not land inside a record; the torn-tail test below tears one for sure
        System.out.println("crash test: " + KILLS + " kills, " + recoveries + " opens cut a torn tail");
    }

    /** 1105 bytes is the torn event's record: 12 frame bytes and a 1,093-byte body (see CrashChild). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1    | GROUP_COMMIT | 1 | the file ends inside the record header, 1 bytes after its start
            11   | NEVER        | 2 | the file ends inside the record header, 11 bytes after its start
            12   | ALWAYS       | 1 | the record needs 1105 bytes but the file ends after 12
            600  | NEVER        | 3 | the record needs 1105 bytes but the file ends after 600
            1104 | GROUP_COMMIT | 2 | the record needs 1105 bytes but the file ends after 1104
            """)
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
    void aKilledWriterInTheMiddleOfARecordLeavesATornTailThatOpeningCutsOff(int tornBytes, FsyncPolicy policy,
                                                                          int lines, String detail) throws Exception {
        Persisted persisted;
        long offset;
        try (BufferedReader out = start(policy, tornBytes, lines, tornBytes)) {
            assertThat(out.readLine()).as("child start").isEqualTo("opened 0");
            persisted = readPersisted(out, lines);
            String torn = out.readLine();
            assertThat(torn).as("child tore a record").startsWith("torn ");
            offset = Long.parseLong(torn.substring("torn ".length()));
            killAndWait();
        }
        Path file = home.resolve("chains/crashy.chain");
        assertThat(Files.size(file)).isEqualTo(offset + tornBytes);
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("crashy")) {
            assertThat(chain.recovery().map(ChainFailure::describe)).contains(
                    "event " + persisted.count() + " at offset " + offset + ": TORN_TAIL: " + detail);
            assertThat(chain.size()).isEqualTo(persisted.count() + 1); // and the record of the cut
            assertKeeps(chain, persisted, "torn after " + tornBytes + " bytes");
            ChainEvent cut = chain.events().getLast();
            assertThat(cut.eventType()).isEqualTo("chain/torn-tail-cut");
            assertThat(new String(cut.data(), StandardCharsets.UTF_8)).isEqualTo("{\"offset\":" + offset
                    + ",\"bytes_cut\":" + tornBytes + ",\"reason\":\"TORN_TAIL\",\"detail\":\"" + detail + "\"}");
        }
        // the torn tail is cut off: the record of the cut starts where the torn record did
        assertThat(ChainStore.verifyFile(file).failure()).isEmpty();
        assertThat(ChainStore.readFile(file)).hasSize((int) persisted.count() + 1);
    }

    /** Starts the child; see {@link CrashChild} for what the arguments mean. */
    private BufferedReader start(FsyncPolicy policy, long seed, int tearAfter, int tornBytes) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashChild.class.getName(), home.toString(), "crashy",
                policy.name(), Long.toString(seed), Integer.toString(tearAfter), Integer.toString(tornBytes))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private static Persisted readPersisted(BufferedReader out, int lines) throws IOException {
        Persisted last = null;
        for (int i = 0; i < lines; i++) {
            String line = out.readLine();
            assertThat(line).as("child output").startsWith("persisted ");
            String[] parts = line.split(" ");
            last = new Persisted(Long.parseLong(parts[1]), parts[2]);
        }
        return last;
    }

    private void killAndWait() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor();
    }

    /** The reopened chain verifies and still holds the event the child last saw persisted, at its index. */
    private static void assertKeeps(ActorChain chain, Persisted persisted, String round) {
        assertThat(chain.size()).as(round).isGreaterThanOrEqualTo(persisted.count());
        VerificationReport report = chain.verify();
        assertThat(report.valid()).as("%s: %s", round, report.describe()).isTrue();
        assertThat(report.validCount()).isEqualTo(chain.size());
        long[] index = {0};
        String[] hashAt = new String[1];
        chain.forEach(EventFilter.all(), e -> {
            if (++index[0] == persisted.count()) {
                hashAt[0] = e.hash().hex();
            }
        });
        assertThat(hashAt[0]).as("%s: the event the child saw persisted", round).isEqualTo(persisted.head());
    }
}
