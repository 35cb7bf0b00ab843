package dev.theater.handler.filesystem;

import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.S32;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.VariantValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs one allow-listed command: no shell (the program and its arguments go to {@code exec} as given), the working
 * folder inside the granted folder, an environment of {@code PATH} alone, stdin closed, stdout and stderr each read
 * on its own thread and kept up to {@code max_output_bytes} (the rest read and dropped, so the command never blocks
 * on a full pipe), and at {@code command_timeout_ms} the command and every process under it killed.
 */
final class CommandRunner {

    static final int MAX_ARGS = 1024;
    static final int MAX_ARG_BYTES = 128 * 1024;

    private final FilesystemConfig config;

    CommandRunner(FilesystemConfig config) {
        this.config = config;
    }

    /** Refuses a command not named in {@code allowed_commands} (exactly: no lookup makes two names one). */
    void allow(String fn, String command) {
        if (!config.allowedCommands().contains(command)) {
            throw new FsException(fn + " " + RelativePath.quote(command) + ": refused: " + (config.allowedCommands()
                    .isEmpty() ? "no command is allowed (allowed_commands is empty)"
                    : "the command is not in allowed_commands " + config.allowedCommands()));
        }
    }

    /** The {@code command-result}; an {@link FsException} when the command is not allowed or its arguments are bad. */
    WitValue run(String fn, String command, List<String> args, Path dir) {
        allow(fn, command);
        checkArgs(fn, command, args);
        Optional<Path> program = locate(command);
        if (program.isEmpty()) {
            return error("command " + RelativePath.quote(command) + " was not found" + (command.contains("/") ? ""
                    : " in " + FilesystemConfig.COMMAND_PATH));
        }
        List<String> argv = new ArrayList<>();
        argv.add(program.get().toString());
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", FilesystemConfig.COMMAND_PATH);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return error("command " + RelativePath.quote(command) + " could not start: " + reason(e));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.commandTimeoutMs());
        quietly(process.getOutputStream()); // stdin: end of file at once
        Capture out = new Capture(process.getInputStream(), config.maxOutputBytes());
        Capture err = new Capture(process.getErrorStream(), config.maxOutputBytes());
        try {
            boolean finished = process.waitFor(remaining(deadline), TimeUnit.NANOSECONDS);
            if (!finished) {
                int killed = killTree(process);
                return error("command " + RelativePath.quote(command) + " did not finish within command_timeout_ms = "
                        + config.commandTimeoutMs() + " and was killed" + (killed > 0 ? ", with " + killed
                        + " process" + (killed == 1 ? "" : "es") + " it started" : ""));
            }
            if (!out.join(deadline) || !err.join(deadline)) {
                // the command ended but something it started still holds its output open
                killTree(process);
                return error("command " + RelativePath.quote(command) + " exited, but a process it started kept its"
                        + " output open past command_timeout_ms = " + config.commandTimeoutMs());
            }
            return success(out.text("stdout"), err.text("stderr"), process.exitValue());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return error("command " + RelativePath.quote(command) + " was stopped: the actor is stopping");
        } finally {
            out.close();
            err.close();
        }
    }

    private static void checkArgs(String fn, String command, List<String> args) {
        if (args.size() > MAX_ARGS) {
            throw new FsException(fn + " " + RelativePath.quote(command) + ": refused: " + args.size()
                    + " arguments, more than " + MAX_ARGS);
        }
        long bytes = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.indexOf('\0') >= 0) {
                throw new FsException(fn + " " + RelativePath.quote(command) + ": refused: argument " + (i + 1)
                        + " contains a NUL byte");
            }
            bytes += a.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        if (bytes > MAX_ARG_BYTES) {
            throw new FsException(fn + " " + RelativePath.quote(command) + ": refused: the arguments are " + bytes
                    + " bytes, more than " + MAX_ARG_BYTES);
        }
    }

    /** An absolute command as it is; a bare name looked up in the handler's fixed PATH (never the JVM's). */
    private static Optional<Path> locate(String command) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        for (String folder : FilesystemConfig.COMMAND_PATH.split(":")) {
            Path p = Path.of(folder, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Kills the process and every live process under it (found before the kill, while they are still its children). */
    private static int killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return descendants.size();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static WitValue success(String stdout, String stderr, int exit) {
        return new VariantValue(0, Optional.of(RecordValue.of(new Str(stdout), new Str(stderr), new S32(exit))));
    }

    private static WitValue error(String message) {
        return new VariantValue(1, Optional.of(RecordValue.of(new Str(message))));
    }

    private static String reason(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // "error=13, Permission denied" or "Exec failed, error: 2 (No such file or directory)": the errno part alone,
        // without the host's paths that the rest of the message names
        int detail = m.indexOf("error=");
        detail = detail >= 0 ? detail : m.indexOf("error: ");
        return detail >= 0 ? m.substring(detail).strip() : "the system refused it";
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a pipe the process may already have closed
        }
    }

    /** One output stream read to its end on a virtual thread: the first {@code cap} bytes kept, the rest counted. */
    private static final class Capture {
        private final InputStream in;
        private final long cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;
        private final Thread thread;

        Capture(InputStream in, long cap) {
            this.in = in;
            this.cap = cap;
            this.thread = Thread.ofVirtual().name("filesystem-command-output").start(this::drain);
        }

        private void drain() {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (this) {
                        int keep = (int) Math.max(0, Math.min(n, cap - kept.size()));
                        kept.write(buffer, 0, keep);
                        total += n;
                    }
                }
            } catch (IOException ignored) {
                // closed by close(): what was read so far stands
            }
        }

        boolean join(long deadline) throws InterruptedException {
            return thread.join(java.time.Duration.ofNanos(Math.max(1, remaining(deadline))));
        }

        /** The kept bytes as UTF-8 (malformed bytes become U+FFFD), with a note when some were cut. */
        synchronized String text(String stream) {
            String text = kept.toString(StandardCharsets.UTF_8);
            if (total > kept.size()) {
                text += "\n[theater: " + stream + " cut: " + total + " bytes, the first " + kept.size()
                        + " kept (max_output_bytes)]";
            }
            return text;
        }

        void close() {
            quietly(in);
        }
    }
}
