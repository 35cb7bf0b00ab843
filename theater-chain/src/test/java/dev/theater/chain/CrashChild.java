package dev.theater.chain;

import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link CrashRecoveryTest}: appends events of random sizes forever, and after every
 * {@code flush} prints {@code persisted <count> <head hash>} so the parent knows what must survive a kill.
 * A small write buffer splits most records across several writes, so kills often land between them.
 * Args: home, actor id, fsync policy, random seed.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        FsyncPolicy policy = FsyncPolicy.valueOf(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        ChainStore store = ChainStore.builder().home(home).fsync(policy).writeBufferSize(4096).build();
        ActorChain chain = store.open(args[1]);
        System.out.println("opened " + chain.size() + " " + chain.recovery().map(ChainFailure::reason).orElse(null));
        System.out.flush();
        byte[] pool = new byte[64_000];
        random.nextBytes(pool);
        long n = 0;
        while (true) {
            int length = random.nextInt(4) == 0 ? random.nextInt(pool.length) : random.nextInt(2_000);
            int from = random.nextInt(pool.length - length + 1);
            byte[] data = java.util.Arrays.copyOfRange(pool, from, from + length);
            chain.append("crash/test", data, "event " + n++);
            if (n % 20 == 0) {
                chain.flush();
                System.out.println("persisted " + chain.size() + " " + chain.head().orElseThrow().hex());
                System.out.flush();
            }
        }
    }
}
