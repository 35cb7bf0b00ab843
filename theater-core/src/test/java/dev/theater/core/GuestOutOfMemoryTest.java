package dev.theater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.testing.TestActors;
import dev.theater.testing.ChildProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A guest that runs the JVM out of heap (its memory budget set far larger than the heap) fails itself, never the
 * runtime: in a child JVM with a 64 MiB heap, a grow of 500 MiB fails the actor with an out-of-memory trap, and
 * afterwards call deadlines are still enforced and another actor still answers.
 */
class GuestOutOfMemoryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @Timeout(120)
    void anOutOfMemoryErrorInAGuestsGrowFailsThatActorOnly() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-Dtheater.testActors=" + TestActors.root().toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
                OutOfMemoryChild.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT);
        try (ChildProcess child = ChildProcess.start("the out-of-memory child", builder)) {
            assertThat(child.nextLine("the grow's outcome", WAIT)).isEqualTo("grow failed: TRAP: actor 'hog': "
                    + "theater:simple/message-server-client#handle-send ran out of memory: Java heap space");
            assertThat(child.nextLine("the hog's final status", WAIT)).isEqualTo("hog: FAILED");
            assertThat(child.nextLine("the spinner's outcome", WAIT)).isEqualTo("spin: TIMEOUT");
            assertThat(child.nextLine("the healthy actor's state", WAIT)).isEqualTo("healthy: hello");
            assertThat(child.nextLine("the close", WAIT)).isEqualTo("closed");
            assertThat(child.awaitExit(WAIT)).isZero();
        }
    }
}
