package dev.theater.chain;

import dev.theater.chain.file.ChainFileFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32C;

/**
 * The child process of {@link CrashRecoveryTest}: appends events of random sizes, and after every {@code flush}
 * prints {@code persisted <count> <head hash>} so the parent knows what must survive a kill.
 * A small write buffer splits most records across several writes, so kills often land between them.
 *
 * <p>Args: home, actor id, fsync policy, random seed, and how many {@code persisted} lines to print before
 * tearing (0: never tear, append until killed). Tearing writes the first {@code <bytes>} (the sixth arg) of
 * the next event's record after the persisted ones, which is what the writer leaves when it is killed in the
 * middle of a record, prints {@code torn <offset>} and waits to be killed.
 */
public final class CrashChild {
    /** The payload size of the torn event: its record is 1,105 bytes. */
    static final int TORN_DATA = 1_000;

    private CrashChild() {
    }

    public static void main(String[] args) throws IOException {
        Path home = Path.of(args[0]);
        FsyncPolicy policy = FsyncPolicy.valueOf(args[2]);
        Random random = new Random(Long.parseLong(args[3]));
        int tearAfter = Integer.parseInt(args[4]);
        ChainStore store = ChainStore.builder().home(home).fsync(policy).writeBufferSize(4096).build();
        ActorChain chain = store.open(args[1]);
        say("opened " + chain.size() + chain.recovery().map(r -> ", recovered " + r.describe()).orElse(""));
        byte[] pool = new byte[64_000];
        random.nextBytes(pool);
        long n = 0;
        int lines = 0;
        while (true) {
            int length = random.nextInt(4) == 0 ? random.nextInt(pool.length) : random.nextInt(2_000);
            int from = random.nextInt(pool.length - length + 1);
            chain.append("crash/test", Arrays.copyOfRange(pool, from, from + length), "event " + n++);
            if (n % 20 == 0) {
                chain.flush();
                say("persisted " + chain.size() + " " + chain.head().orElseThrow().hex());
                if (++lines == tearAfter) {
                    tear(chain, Integer.parseInt(args[5]), Arrays.copyOf(pool, TORN_DATA));
                }
            }
        }
    }

    private static void tear(ActorChain chain, int bytes, byte[] data) throws IOException {
        byte[] canonical = EventHashing.encode(chain.head(), "crash/test", data, 0, Optional.empty());
        ByteBuffer record = ByteBuffer.allocate(ChainFileFormat.recordSize(canonical.length));
        ChainFileFormat.writeRecord(record, EventHashing.sha256(canonical, 0, -1), canonical, new CRC32C());
        record.flip().limit(bytes);
        // not closed: on POSIX closing a second channel on the file drops this process's lock, and a crash
        // would not close it either
        FileChannel ch = FileChannel.open(chain.file(), StandardOpenOption.WRITE);
        long offset = ch.size();
        for (long at = offset; record.hasRemaining(); ) {
            at += ch.write(record, at);
        }
        say("torn " + offset);
        System.in.read(); // the parent never writes: wait for the kill (or for the parent to go away)
        System.exit(1);
    }

    /** Prints a line for the parent; exits when the parent is gone, rather than appending forever. */
    private static void say(String line) {
        System.out.println(line);
        if (System.out.checkError()) {
            System.exit(1);
        }
    }
}
