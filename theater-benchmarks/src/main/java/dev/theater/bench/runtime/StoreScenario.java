package dev.theater.bench.runtime;

import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.handler.store.ContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code store}: the store handler's {@code store} and {@code get} per second for 1 KiB and 1 MiB content, side by
 * side in each run with a plain Java write of the same bytes (temporary file, {@code force}, atomic rename, folder
 * {@code force}: the same durability) and a plain read, and with the handler's disk layer called directly (no guest,
 * no chain), to split the cost. Each run is a fresh home; in it the three writers take turns, 10 writes each (the
 * three readers 100 reads each), so that all see the same disk while its latency drifts.
 *
 * <ul>
 *   <li>{@code actor store}: a store-writer actor's {@code bench-store <seed> <n> <size>}: n {@code store} host calls
 *       of distinct contents in one export call (test-actors/README.md, "store-writer"), chain on (each call an
 *       event; 1 MiB contents recorded as size + SHA-256, 1 KiB in full);</li>
 *   <li>{@code actor get}: {@code bench-get <n> <hash>}: n {@code get} calls of one content (hash-checked, copied into
 *       the guest);</li>
 *   <li>{@code layer}: {@code ContentStore.put} / {@code get} from Java, same bytes;</li>
 *   <li>{@code plain}: {@code FileChannel} write + {@code force(true)} of a temp file, {@code Files.move(ATOMIC_MOVE)},
 *       {@code force} of the folder; {@code Files.readAllBytes} for get, and (the floor of a checked get)
 *       {@code Files.readAllBytes} + SHA-256.</li>
 * </ul>
 *
 * <p>Options: {@code storeruns=5}, {@code n1k=400} / {@code n1m=60} stores per run, {@code g1k=4000} / {@code g1m=300}
 * gets per run, {@code fsync=} (the chain's), {@code home=} (the disk under test).
 */
final class StoreScenario implements Scenario {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;
    /** Writes per turn of each writer; gets per turn are ten times this. */
    private static final int BLOCK = 10;

    @Override
    public void run(HarnessOptions options) {
        int runs = options.intOpt("storeruns", 5);
        System.out.printf(Locale.ROOT, "%n== store: %d runs per size, chain fsync %s, homes under %s%n", runs,
                options.fsync(), options.get("home", System.getProperty("java.io.tmpdir")));
        for (int size : new int[] {KIB, MIB}) {
            boolean small = size == KIB;
            int stores = options.intOpt(small ? "n1k" : "n1m", small ? 400 : 60);
            int gets = options.intOpt(small ? "g1k" : "g1m", small ? 4_000 : 300);
            String label = small ? "1 KiB" : "1 MiB";
            double[][] rates = new double[7][runs]; // actor/layer/plain store, actor/layer/plain get, plain get + SHA-256
            for (int r = 0; r < runs; r++) {
                try (BenchHome home = options.newHome()) {
                    measure(home.path(), options, size, stores, gets, 100 * r + (small ? 1 : 2), rates, r);
                }
                System.out.printf(Locale.ROOT, "  %s run %d: store/s actor %,.0f layer %,.0f plain %,.0f;"
                                + " get/s actor %,.0f layer %,.0f plain %,.0f plain+sha256 %,.0f%n", label, r, rates[0][r],
                        rates[1][r], rates[2][r], rates[3][r], rates[4][r], rates[5][r], rates[6][r]);
            }
            String[] names = {"actor store", "layer store", "plain store", "actor get", "layer get", "plain get",
                "plain get+sha256"};
            for (int m = 0; m < names.length; m++) {
                System.out.println(label + " " + names[m] + " RESULT: " + Stats.summary("ops/s", rates[m]));
            }
            System.out.printf(Locale.ROOT, "%s RATIO: store actor/plain %.2f, layer/plain %.2f; get actor/plain %.2f,"
                            + " layer/plain %.2f, layer/(plain+sha256) %.2f (medians)%n", label,
                    Stats.median(rates[0]) / Stats.median(rates[2]), Stats.median(rates[1]) / Stats.median(rates[2]),
                    Stats.median(rates[3]) / Stats.median(rates[5]), Stats.median(rates[4]) / Stats.median(rates[5]),
                    Stats.median(rates[4]) / Stats.median(rates[6]));
        }
    }

    private static void measure(Path home, HarnessOptions options, int size, int stores, int gets, int seed,
                                double[][] rates, int r) {
        try {
            Path app = Files.createDirectories(home.resolve("app"));
            Path wasm = BenchGuests.folder().resolve("store-writer").resolve("store-writer.wasm");
            Files.copy(wasm, app.resolve("store-writer.wasm"), StandardCopyOption.REPLACE_EXISTING);
            Path manifest = Files.writeString(app.resolve("writer.toml"), "name = \"writer\"\n"
                    + "component_path = \"store-writer.wasm\"\n[limits]\ncall_timeout_ms = 600000\n"
                    + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n[[handlers]]\ntype = \"store\"\n");
            try (Theater theater = Theater.builder().home(home.resolve("home")).fsync(options.fsync()).build()) {
                ActorRef writer = theater.start(ManifestParser.parse(manifest), StartOptions.defaults());
                ContentStore layer = ContentStore.create(home.resolve("layer"), "bench");
                Path plain = Files.createDirectories(home.resolve("plain"));
                Path tmp = Files.createDirectories(plain.resolve("tmp"));
                Path content = Files.createDirectories(plain.resolve("content"));
                // warm-up: compiled paths, the store opened
                send(writer, "bench-store " + (seed + 50) + " 5 " + size);
                layer.put(content(seed + 51, 0, size), Long.MAX_VALUE);
                plainWrite(tmp.resolve("w.tmp"), content.resolve("w"), content(seed + 52, 0, size));

                // the three writers take turns in blocks, so that each sees the same disk (its latency drifts)
                long[] nanos = new long[7];
                int block = Math.max(1, Math.min(BLOCK, stores));
                for (int done = 0, b = 0; done < stores; done += block, b++) {
                    int n = Math.min(block, stores - done);
                    long t0 = System.nanoTime();
                    send(writer, "bench-store " + (seed + 1000 * (b + 1)) + " " + n + " " + size);
                    nanos[0] += System.nanoTime() - t0;
                    byte[][] batch = new byte[n][];
                    for (int k = 0; k < n; k++) {
                        batch[k] = content(seed + 1000 * (b + 1) + 7, k, size);
                    }
                    t0 = System.nanoTime();
                    for (byte[] c : batch) {
                        layer.put(c, Long.MAX_VALUE);
                    }
                    nanos[1] += System.nanoTime() - t0;
                    for (int k = 0; k < n; k++) {
                        batch[k] = content(seed + 1000 * (b + 1) + 9, k, size);
                    }
                    t0 = System.nanoTime();
                    for (int k = 0; k < n; k++) {
                        plainWrite(tmp.resolve(k + ".tmp"), content.resolve(b + "-" + k), batch[k]);
                    }
                    nanos[2] += System.nanoTime() - t0;
                }
                String actorHash = sha256(content(seed + 1000, 0, size));
                String layerHash = sha256(content(seed + 1007, 0, size));
                Path plainFile = content.resolve("0-0");
                send(writer, "bench-get 5 " + actorHash);
                int getBlock = Math.max(1, Math.min(gets, 10 * BLOCK));
                long sum = 0;
                for (int done = 0; done < gets; done += getBlock) {
                    int n = Math.min(getBlock, gets - done);
                    long t0 = System.nanoTime();
                    send(writer, "bench-get " + n + " " + actorHash);
                    nanos[3] += System.nanoTime() - t0;
                    t0 = System.nanoTime();
                    for (int k = 0; k < n; k++) {
                        layer.get(layerHash, Integer.MAX_VALUE);
                    }
                    nanos[4] += System.nanoTime() - t0;
                    t0 = System.nanoTime();
                    for (int k = 0; k < n; k++) {
                        sum += Files.readAllBytes(plainFile).length;
                    }
                    nanos[5] += System.nanoTime() - t0;
                    t0 = System.nanoTime();
                    for (int k = 0; k < n; k++) {
                        sum += sha256(Files.readAllBytes(plainFile)).length() - 64;
                    }
                    nanos[6] += System.nanoTime() - t0;
                }
                if (sum != (long) gets * size) {
                    throw new IllegalStateException("plain reads returned " + sum + " bytes");
                }
                for (int m = 0; m < 7; m++) {
                    rates[m][r] = (m < 3 ? stores : gets) / (nanos[m] / 1e9);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same steps a durable store write takes, without a store: temp file, force, rename, folder force. */
    private static void plainWrite(Path temp, Path target, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static void send(ActorRef actor, String command) {
        actor.send(command.getBytes(StandardCharsets.UTF_8)).join();
    }

    /** store-writer's bench content k: the seed and k as little-endian u32s, then bytes 0xa5. */
    static byte[] content(int seed, int k, int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, 8, size, (byte) 0xa5);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, seed).putInt(4, k);
        return bytes;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
