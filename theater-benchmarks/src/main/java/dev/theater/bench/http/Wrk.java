package dev.theater.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wrk} load generator (Debian package {@code wrk}, 4.1.0) run as a subprocess with fixed options, and the
 * figures read from its {@code --latency} report: requests/s, the 99% latency, the request count and any errors.
 */
record Wrk(Path executable, int threads, int connections, int seconds) {

    /** What one run reported. */
    /**
     * {@code errors}: connect, read and write errors; {@code timeouts}: requests wrk gave up on (2 s, its default),
     * which a stall of the whole machine causes.
     */
    record Report(double requestsPerSecond, double p99Micros, double p50Micros, long requests, long errors,
                  long timeouts, long non2xx, String text) {
    }

    private static final Pattern RPS = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("(?m)^\\s+99%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
    private static final Pattern P50 = Pattern.compile("(?m)^\\s+50%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
    private static final Pattern COUNT = Pattern.compile("(?m)^\\s+(\\d+) requests in ");
    private static final Pattern SOCKET = Pattern.compile(
            "(?m)^\\s+Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("(?m)^\\s+Non-2xx or 3xx responses: (\\d+)");

    /** {@code wrk} on the {@code PATH}, if there is one. */
    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    List<String> command(String url) {
        return List.of(executable.toString(), "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency", url);
    }

    /** Runs wrk against {@code url} and reads its report; fails if wrk failed or its report cannot be read. */
    Report run(String url) {
        List<String> cmd = command(url);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("wrk did not end: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("wrk exited with " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }

    static Report parse(String out) {
        long errors = 0;
        long timeouts = 0;
        Matcher s = SOCKET.matcher(out);
        if (s.find()) {
            for (int g = 1; g <= 3; g++) {
                errors += Long.parseLong(s.group(g));
            }
            timeouts = Long.parseLong(s.group(4));
        }
        Matcher n = NON_2XX.matcher(out);
        return new Report(Double.parseDouble(group(RPS, out, "Requests/sec")), micros(P99, out, "99%"),
                micros(P50, out, "50%"), Long.parseLong(group(COUNT, out, "requests in")), errors, timeouts,
                n.find() ? Long.parseLong(n.group(1)) : 0, out);
    }

    private static String group(Pattern pattern, String out, String what) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no '" + what + "' line in wrk's report:\n" + out);
        }
        return m.group(1);
    }

    private static double micros(Pattern pattern, String out, String what) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no '" + what + "' latency line in wrk's report (was --latency given?):\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v;
            case "ms" -> v * 1e3;
            case "s" -> v * 1e6;
            case "m" -> v * 60e6;
            default -> v * 3600e6;
        };
    }
}
