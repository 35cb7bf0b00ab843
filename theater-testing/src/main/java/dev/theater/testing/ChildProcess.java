package dev.theater.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process driven by a test, with a deadline on every wait. A daemon thread reads its output (what the
 * builder sends to {@code getInputStream()}) line by line, so no read blocks the test: a line or an exit that
 * does not come in time fails with what was awaited and everything the process printed. {@link #close()} kills
 * the process if it is still running.
 *
 * <p>To kill it and still read everything it printed, use {@link #kill()}, not {@code process().destroyForcibly()}:
 * {@link Process#destroyForcibly()} also closes this end of the output pipe, so lines the process wrote but the
 * reader had not read yet (a loaded machine leaves it behind) are dropped and the reader fails with "Stream closed".
 */
public final class ChildProcess implements AutoCloseable {

    private static final String END = new String("(end of output)"); // compared by identity

    private final String name;
    private final Process process;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> printed = new ArrayList<>();
    private final Thread reader;
    private volatile IOException readFailure;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("output of " + name).start(this::read);
    }

    /** Starts {@code builder}; {@code name} (e.g. {@code "theater run"}) names the process in failures. */
    public static ChildProcess start(String name, ProcessBuilder builder) throws IOException {
        return new ChildProcess(name, builder.start());
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (printed) {
                    printed.add(line);
                }
                unread.add(line);
            }
        } catch (IOException e) {
            readFailure = e;
        } finally {
            unread.add(END);
        }
    }

    public Process process() {
        return process;
    }

    /**
     * Sends the process SIGKILL and leaves its output pipe open, so that {@link #awaitExit} and {@link #printed()}
     * have every line it wrote before it died.
     */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /** The next line not yet returned; fails if none comes within {@code timeout}. */
    public String nextLine(String awaited, Duration timeout) throws InterruptedException {
        return awaitLine(awaited, line -> true, timeout);
    }

    /** Skips lines until one equal to {@code line}; fails if none comes within {@code timeout}. */
    public String awaitLine(String line, Duration timeout) throws InterruptedException {
        return awaitLine("the line '" + line + "'", line::equals, timeout);
    }

    /** Skips lines until one that {@code matches}; fails if none comes within {@code timeout}. */
    public String awaitLine(String awaited, Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = unread.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw failure(awaited, timeout, "none came");
            }
            if (line == END) {
                unread.add(END); // for the next wait
                process.waitFor(1, TimeUnit.SECONDS); // so that the failure can give the exit code
                throw failure(awaited, timeout, "the output ended");
            }
            if (matches.test(line)) {
                return line;
            }
        }
    }

    /**
     * Waits for the output to end and the process to exit; its exit code. Fails if reading the output failed: then
     * {@link #printed()} may lack lines the process wrote.
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        reader.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        if (reader.isAlive() || !process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw failure("it to exit", timeout, "it did not");
        }
        if (readFailure != null) {
            throw failure("its whole output", timeout, "reading it failed");
        }
        return process.exitValue();
    }

    /** Every line the process has printed so far, whether or not a wait has returned it. */
    public List<String> printed() {
        synchronized (printed) {
            return List.copyOf(printed);
        }
    }

    private AssertionError failure(String awaited, Duration timeout, String outcome) {
        String state = process.isAlive() ? "it is still running" : "it exited with code " + process.exitValue();
        List<String> lines = printed();
        StringBuilder message = new StringBuilder().append(name).append(": waited up to ").append(describe(timeout))
                .append(" for ").append(awaited).append(", but ").append(outcome).append(" (").append(state).append(')');
        if (readFailure != null) {
            message.append("; reading its output failed: ").append(readFailure);
        }
        if (lines.isEmpty()) {
            message.append("; it printed nothing");
        } else {
            message.append("; it printed ").append(lines.size()).append(lines.size() == 1 ? " line:" : " lines:");
            lines.forEach(l -> message.append("\n  ").append(l));
        }
        return new AssertionError(message.toString());
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Kills the process if it still runs, and waits (a little) for it to go. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a test timed out: it is failing already, the kill is sent
        }
    }
}
