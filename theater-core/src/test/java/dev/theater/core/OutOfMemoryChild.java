package dev.theater.core;

import dev.theater.api.handler.ActorCallException;
import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link GuestOutOfMemoryTest} in a JVM with a small heap and a guest memory budget far larger than it: a
 * guest's grow runs the JVM out of heap. Prints one line per step; the parent checks them.
 */
final class OutOfMemoryChild {

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("theater-oom");
        ProbeProvider probe = new ProbeProvider();
        try (Theater theater = Theater.builder().home(home).serviceLoader(false).addProvider(probe)
                .memoryBudget(4L << 30).build()) {
            ActorRef hog = theater.start(manifest("hog", "hog", "[limits]\nmax_memory_pages = 16384\n"), home);
            try {
                hog.send("grow 8000".getBytes(StandardCharsets.UTF_8)).join(); // 500 MiB on a 64 MiB heap
                System.out.println("grow returned");
            } catch (CompletionException e) {
                ActorCallException failure = (ActorCallException) e.getCause();
                System.out.println("grow failed: " + failure.kind() + ": " + failure.getMessage());
            }
            System.out.println("hog: " + hog.stopped().get(30, TimeUnit.SECONDS));

            ActorRef spinner = theater.start(manifest("lifecycle", "spinner", "[limits]\ncall_timeout_ms = 300\n"), home);
            try {
                spinner.send("spin".getBytes(StandardCharsets.UTF_8)).join();
            } catch (CompletionException e) {
                System.out.println("spin: " + ((ActorCallException) e.getCause()).kind()); // the deadline watchdog lives
            }
            ActorRef healthy = theater.start(manifest("lifecycle", "healthy", ""), home);
            healthy.send("hello".getBytes(StandardCharsets.UTF_8)).join();
            System.out.println("healthy: " + new String(healthy.state().orElseThrow(), StandardCharsets.UTF_8));
        }
        System.out.println("closed");
    }

    private static String manifest(String guest, String id, String extra) {
        return "name = \"" + id + "\"\ncomponent_path = \"" + TestActors.wasm(guest).toString().replace("\\", "/")
                + "\"\n[[handlers]]\ntype = \"probe\"\n" + extra;
    }
}
