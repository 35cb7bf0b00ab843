package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM with SIGKILL while it appends (large and small events), many times, and checks that
 * every reopen yields a valid chain holding at least everything the child saw persisted.
 */
class CrashRecoveryTest {
    private static final int KILLS = 24;

    @TempDir
    Path home;

    @Test
    void aKilledWriterNeverLeavesACorruptChain() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        Random random = new Random(42);
        int recoveries = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            FsyncPolicy policy = kill % 3 == 0 ? FsyncPolicy.GROUP_COMMIT : FsyncPolicy.NEVER;
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                    CrashChild.class.getName(), home.toString(), "crashy", policy.name(), Long.toString(kill))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            long persisted = 0;
            String head = null;
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).as("child start").startsWith("opened ");
                int lines = 1 + random.nextInt(6);
                for (int i = 0; i < lines; i++) {
                    String[] parts = out.readLine().split(" ");
                    persisted = Long.parseLong(parts[1]);
                    head = parts[2];
                }
                Thread.sleep(random.nextInt(15));
                child.destroyForcibly();
                child.waitFor();
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
