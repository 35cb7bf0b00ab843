package dev.theater.handler.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.ActorCallException;
import dev.theater.core.ActorRef;
import dev.theater.handler.testing.Logs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault soak: one one-for-one parent, 100 children, 10,000 messages sent at once to random children, a random
 * tenth of them making their child trap. Every message is either handled or reported failed, every trap is told
 * to the parent exactly once, the children's states add up to the increments handled, and afterwards the
 * platform threads and open files are what they were before.
 */
class SupervisorSoakTest {

    private static final int CHILDREN = 100;
    private static final int MESSAGES = 10_000;

    @TempDir
    Path folder;
    @TempDir
    Path home;

    @Test
    @Timeout(300)
    void everyFailureIsToldOnceAndEveryMessageIsAccountedFor() throws Exception {
        warmUp();
        long threadsBefore = platformThreads();
        long filesBefore = openFiles();

        int handled = 0;
        int trapped = 0;
        int refused = 0; // reached a child between its trap and its restart, or while it restarted
        int incHandled = 0;
        long stateSum = 0;
        long told;
        try (App a = new App(folder, home)) {
            a.startParent("parent", "strategy = \"one-for-one\", max_restarts = 100000, window_ms = 1000");
            for (int i = 0; i < CHILDREN; i++) {
                a.tell("parent", "spawn worker.toml");
            }
            Random random = new Random(20261201);
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            List<Boolean> crashes = new ArrayList<>();
            for (int m = 0; m < MESSAGES; m++) {
                boolean crash = random.nextInt(10) == 0;
                String child = "parent.worker-" + (1 + random.nextInt(CHILDREN));
                Optional<ActorRef> target = a.theater.actor(child);
                crashes.add(crash);
                sends.add(target.isEmpty() ? CompletableFuture.failedFuture(new IllegalStateException("restarting"))
                        : target.get().send((crash ? "crash" : "inc").getBytes(StandardCharsets.UTF_8)));
            }
            for (int m = 0; m < MESSAGES; m++) {
                try {
                    sends.get(m).get(60, TimeUnit.SECONDS);
                    handled++;
                    if (!crashes.get(m)) {
                        incHandled++;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof ActorCallException call && call.kind() == ActorCallException.Kind.TRAP) {
                        trapped++;
                    } else {
                        refused++;
                    }
                }
            }
            // every trap is told once: wait for as many notifications as there were traps
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((told = errorsTold(a)) < trapped && System.nanoTime() < deadline) {
                Thread.sleep(10); // bounded: the notifications are export calls still queued in the parent
            }
            awaitAllRunning(a);
            for (int i = 1; i <= CHILDREN; i++) {
                stateSum += Long.parseLong(a.state("parent.worker-" + i));
            }
            System.out.println("soak: " + handled + " handled, " + trapped + " trapped, " + refused + " refused;"
                    + " restarts " + a.theater.actor("parent").orElseThrow().chain().stream()
                    .filter(e -> e.eventType().equals("supervisor/restarted")).count());
        }
        assertThat(handled + trapped + refused).isEqualTo(MESSAGES);
        assertThat(told).isEqualTo(trapped);
        assertThat(stateSum).isEqualTo(incHandled); // restarts kept each child's state; no increment lost or doubled
        assertThat(trapped).isGreaterThan(0);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (platformThreads() > threadsBefore && System.nanoTime() < deadline) {
            Thread.sleep(20); // pool threads end once idle after the Theater closed
        }
        assertThat(platformThreads()).as("platform threads now: %s",
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList())
                .isLessThanOrEqualTo(threadsBefore);
        assertThat(openFiles()).isLessThanOrEqualTo(filesBefore);
    }

    /** One small run first, so that classes, the deadline watchdog and caches exist before the baseline is taken. */
    private void warmUp() throws IOException {
        Path warm = Files.createDirectories(folder.resolve("warm"));
        try (App a = new App(warm, Files.createDirectories(home.resolve("warm")))) {
            a.startParent("warm", "strategy = \"one-for-one\"");
            a.tell("warm", "spawn worker.toml");
            try {
                a.theater.actor("warm.worker-1").orElseThrow().send("crash".getBytes(StandardCharsets.UTF_8)).join();
            } catch (CompletionException expected) {
                // it traps, and is restarted
            }
            a.awaitInit("warm.worker-1", "init warm.worker-1 0");
        }
    }

    private static long errorsTold(App a) {
        return a.logs.of("parent").stream().filter(l -> l.startsWith("child-error ")).count();
    }

    private static void awaitAllRunning(App a) {
        for (int i = 1; i <= CHILDREN; i++) {
            String id = "parent.worker-" + i;
            long deadline = System.nanoTime() + Logs.WAIT.toNanos();
            while (a.theater.actor(id).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(id + " is not running again");
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * The live platform threads but the JDK's virtual-thread carriers ({@code ForkJoinPool-N-worker-M}): the JDK adds
     * carriers while virtual threads block in file I/O and retires them after its own keep-alive, so they are not
     * the runtime's to give back.
     */
    private static long platformThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().matches("ForkJoinPool-\\d+-worker-\\d+")).count();
    }

    private static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
