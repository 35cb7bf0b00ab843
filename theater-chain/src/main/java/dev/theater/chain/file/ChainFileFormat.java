package dev.theater.chain.file;

import dev.theater.chain.EventHashing;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The on-disk layout of a chain file.
 *
 * <pre>
 * header:  8 bytes  "THCHAIN" 0x01
 * record:  u32 N            body length, big-endian
 *          u32 CRC32C(N)     checksum of the 4 length bytes: a damaged length is caught before it is trusted
 *          u32 CRC32C(body)  checksum of the N body bytes
 *          [32] hash         SHA-256 of the canonical encoding
 *          [N-32]            the canonical encoding (see {@link EventHashing})
 * </pre>
 */
public final class ChainFileFormat {
    /** The file header. */
    public static final byte[] HEADER = {'T', 'H', 'C', 'H', 'A', 'I', 'N', 1};
    /** Bytes before a record's body. */
    public static final int FRAME_HEADER = 12;
    /** The smallest body: hash + version + parent flag + two lengths + timestamp + description flag. */
    public static final int MIN_BODY = EventHashing.HASH_LENGTH + 2 + 4 + 4 + 8 + 1;
    /** The largest body accepted (256 MiB); a bigger length is damage. */
    public static final int MAX_BODY = 256 << 20;

    private ChainFileFormat() {
    }

    /** The full record size for an encoding of {@code canonicalLength} bytes. */
    public static int recordSize(int canonicalLength) {
        return FRAME_HEADER + EventHashing.HASH_LENGTH + canonicalLength;
    }

    /** Writes one framed record into {@code out}, which must have room for {@link #recordSize}. */
    public static void writeRecord(ByteBuffer out, byte[] hash, byte[] canonical, CRC32C crc) {
        int n = hash.length + canonical.length;
        out.putInt(n);
        out.putInt(lengthCrc(n, crc));
        crc.reset();
        crc.update(hash);
        crc.update(canonical);
        out.putInt((int) crc.getValue());
        out.put(hash);
        out.put(canonical);
    }

    /** CRC32C of a big-endian int, as stored after the length. */
    public static int lengthCrc(int n, CRC32C crc) {
        crc.reset();
        crc.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        return (int) crc.getValue();
    }

    /** Whether {@code bytes} starts like the header (used to tell a torn header from a foreign file). */
    public static boolean isHeaderPrefix(byte[] bytes, int length) {
        return Arrays.equals(bytes, 0, length, HEADER, 0, length);
    }
}
