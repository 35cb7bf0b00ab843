package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it appends (large and small events), many times, and checks that
 * every reopen yields a valid chain holding at least everything the child saw persisted.
 */
class CrashRecoveryTest {
    private static final int KILLS = 24;
    /** For a line of the child, its start included (a JVM start on a loaded 2-core machine), and for its exit. */
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path home;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // 24 child JVMs; each wait below has its own deadline
    void aKilledWriterNeverLeavesACorruptChain() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        Random random = new Random(42);
        int recoveries = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            FsyncPolicy policy = kill % 3 == 0 ? FsyncPolicy.GROUP_COMMIT : FsyncPolicy.NEVER;
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                    CrashChild.class.getName(), home.toString(), "crashy", policy.name(), Long.toString(kill))
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            long persisted = 0;
            String head = null;
            try (ChildProcess child = ChildProcess.start("crash child " + kill, builder)) {
                assertThat(child.nextLine("the child's first line, 'opened ...'", LINE_TIMEOUT)).as("child start")
                        .startsWith("opened ");
                int lines = 1 + random.nextInt(6);
                for (int i = 0; i < lines; i++) {
                    String[] parts = child.nextLine("a line 'persisted <count> <head>'", LINE_TIMEOUT).split(" ");
                    persisted = Long.parseLong(parts[1]);
                    head = parts[2];
                }
                Thread.sleep(random.nextInt(15));
                child.process().destroyForcibly();
                child.awaitExit(LINE_TIMEOUT);
            }
            try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("crashy")) {
                assertThat(chain.size()).as("kill %d", kill).isGreaterThanOrEqualTo(persisted);
                if (chain.recovery().isPresent()) {
                    recoveries++;
                }
                VerificationReport report = chain.verify();
                assertThat(report.valid()).as("kill %d: %s", kill, report.describe()).isTrue();
                assertThat(report.validCount()).isEqualTo(chain.size());
                long target = persisted;
                String[] hashAt = new String[1];
                long[] index = {0};
                chain.forEach(EventFilter.all(), e -> {
                    if (++index[0] == target) {
                        hashAt[0] = e.hash().hex();
                    }
                });
                assertThat(hashAt[0]).as("kill %d: the event the child saw persisted", kill).isEqualTo(head);
            }
        }
        System.out.println("crash test: " + KILLS + " kills, " + recoveries + " opens cut a torn tail");
    }
}
