package dev.theater.bench.runtime;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.core.StartOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code filesystem}: {@code read-file} and {@code write-file} of 4 KiB per second through a real fs-probe actor
 * ({@code bench-read <path> <n>} / {@code bench-write <path> 4096 <n>}: n host calls in one export call, chain on),
 * side by side in each run with the same Java NIO calls: a read is {@code Files.readAllBytes}; a write is what
 * write-file does (a new file beside the target, written, {@code force(true)}, renamed over it), and also a plain
 * {@code Files.write} without {@code force} for the cost of the fsync alone. Options: {@code fsruns=5},
 * {@code fsreads=20000}, {@code fswrites=500} per run, {@code home=}.
 */
final class FilesystemScenario implements Scenario {

    private static final int SIZE = 4096;

    @Override
    public void run(HarnessOptions options) {
        int runs = options.intOpt("fsruns", 5);
        int reads = options.intOpt("fsreads", 20_000);
        int writes = options.intOpt("fswrites", 500);
        System.out.printf(Locale.ROOT, "%n== filesystem: 4 KiB, %d runs, %d reads and %d writes per run, homes under %s%n",
                runs, reads, writes, options.get("home", System.getProperty("java.io.tmpdir")));
        double[][] rates = new double[5][runs]; // actor read, nio read, actor write, nio write (same), nio write no force
        for (int r = 0; r < runs; r++) {
            try (BenchHome home = options.newHome()) {
                measure(home.path(), options, reads, writes, rates, r);
            }
            System.out.printf(Locale.ROOT, "  run %d: read/s actor %,.0f nio %,.0f; write/s actor %,.0f nio %,.0f"
                    + " nio-without-force %,.0f%n", r, rates[0][r], rates[1][r], rates[2][r], rates[3][r], rates[4][r]);
        }
        String[] names = {"actor read-file", "nio read", "actor write-file", "nio write+force+rename",
            "nio write (no force)"};
        for (int m = 0; m < names.length; m++) {
            System.out.println("4 KiB " + names[m] + " RESULT: " + Stats.summary("ops/s", rates[m]));
        }
        System.out.printf(Locale.ROOT, "4 KiB RATIO: read actor/nio %.2f; write actor/nio (same calls) %.2f,"
                        + " actor/nio-without-force %.2f (medians)%n", Stats.median(rates[0]) / Stats.median(rates[1]),
                Stats.median(rates[2]) / Stats.median(rates[3]), Stats.median(rates[2]) / Stats.median(rates[4]));
    }

    private static void measure(Path home, HarnessOptions options, int reads, int writes, double[][] rates, int r) {
        try {
            Path app = Files.createDirectories(home.resolve("app"));
            Path data = Files.createDirectories(app.resolve("data"));
            Path nio = Files.createDirectories(home.resolve("nio"));
            Files.copy(BenchGuests.folder().resolve("fs-probe/fs-probe.wasm"), app.resolve("fs-probe.wasm"),
                    StandardCopyOption.REPLACE_EXISTING);
            Path manifest = Files.writeString(app.resolve("fs.toml"), "name = \"fs\"\ncomponent_path = \"fs-probe.wasm\"\n"
                    + "[limits]\ncall_timeout_ms = 600000\n[[handlers]]\ntype = \"runtime\"\n[[handlers]]\n"
                    + "type = \"message-server\"\n[[handlers]]\ntype = \"filesystem\"\nconfig = { path = \"data\" }\n");
            byte[] content = new byte[SIZE];
            for (int k = 0; k < SIZE; k++) {
                content[k] = (byte) ('a' + k % 26); // what fs-probe's pattern writes
            }
            Files.write(data.resolve("r.bin"), content);
            Files.write(nio.resolve("r.bin"), content);
            try (Theater theater = Theater.builder().home(home.resolve("home")).fsync(options.fsync()).build()) {
                ActorRef fs = theater.start(ManifestParser.parse(manifest), StartOptions.defaults());
                send(fs, "bench-read\u001fr.bin\u001f" + Math.min(reads, 2000)); // warm-up
                send(fs, "bench-write\u001fw.bin\u001f4096\u001f" + Math.min(writes, 50));
                for (int i = 0; i < Math.min(reads, 2000); i++) {
                    Files.readAllBytes(nio.resolve("r.bin"));
                }
                for (int i = 0; i < Math.min(writes, 50); i++) {
                    replace(nio, "w.bin", content);
                }

                long t0 = System.nanoTime();
                send(fs, "bench-read\u001fr.bin\u001f" + reads);
                rates[0][r] = reads / seconds(t0);
                t0 = System.nanoTime();
                long sum = 0;
                for (int i = 0; i < reads; i++) {
                    sum += Files.readAllBytes(nio.resolve("r.bin")).length;
                }
                rates[1][r] = reads / seconds(t0);
                if (sum != (long) reads * SIZE) {
                    throw new AssertionError("read " + sum);
                }
                t0 = System.nanoTime();
                send(fs, "bench-write\u001fw.bin\u001f4096\u001f" + writes);
                rates[2][r] = writes / seconds(t0);
                t0 = System.nanoTime();
                for (int i = 0; i < writes; i++) {
                    replace(nio, "w.bin", content);
                }
                rates[3][r] = writes / seconds(t0);
                t0 = System.nanoTime();
                for (int i = 0; i < writes; i++) {
                    Files.write(nio.resolve("plain.bin"), content);
                }
                rates[4][r] = writes / seconds(t0);
                if (!java.util.Arrays.equals(Files.readAllBytes(data.resolve("w.bin")), content)) {
                    throw new AssertionError("the actor's file differs");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What write-file does, in plain NIO: a new file beside the target, written, forced, renamed over it. */
    private static void replace(Path dir, String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(".tmp-" + name);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void send(ActorRef actor, String command) {
        try {
            actor.send(command.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new AssertionError("'" + command + "' failed", e);
        }
        String last = lastLog(actor);
        if (!last.contains(" ok ")) {
            throw new AssertionError("'" + command + "': " + last);
        }
    }

    /** The last line the actor logged (fs-probe logs one line per bench command: "<fn> ok ..." or its err). */
    private static String lastLog(ActorRef actor) {
        String last = "(none)";
        for (dev.theater.chain.ChainEvent e : actor.chain()) {
            if (e.eventType().equals("theater:simple/runtime/log")) {
                last = e.dataAsString();
            }
        }
        return last;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
