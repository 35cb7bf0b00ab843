package dev.theater.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads a whole file that input names, refusing what would hang or exhaust the heap: a FIFO (opening one blocks
 * until a writer comes), a device such as {@code /dev/zero} (endless), a directory, and a file larger than the
 * caller's cap.
 *
 * <p>The path's links are resolved first; the target's attributes are then read without following links and
 * the target is opened without following links, so what is opened is what was checked unless someone replaces
 * the file in the instant between the two (which needs write access to its folder). The cap holds whatever the
 * attributes said: a file that grows while it is read, or one that reports size 0 ({@code /proc}), is read up to
 * the cap and no further.
 */
public final class RegularFiles {

    /** The file is not a regular file, or is larger than the cap; the message is the short reason. */
    public static final class RefusedFileException extends IOException {
        public RefusedFileException(String reason) {
            super(reason);
        }
    }

    private RegularFiles() {}

    /** The bytes of regular file {@code path}, at most {@code maxBytes} of them. */
    public static byte[] read(Path path, int maxBytes) throws IOException {
        Path real = path.toRealPath();
        BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isDirectory()) {
            throw new RefusedFileException("is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new RefusedFileException("not a regular file (a FIFO, device or socket)");
        }
        if (attributes.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return readCapped(channel, (int) attributes.size(), maxBytes);
        }
    }

    /** The text of regular file {@code path}, at most {@code maxBytes} bytes of strict UTF-8. */
    public static String readUtf8(Path path, int maxBytes) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(read(path, maxBytes)))
                .toString();
    }

    /** A short, stable reason for an I/O failure, for messages: {@code no such file}, {@code is a directory}, ... */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case CharacterCodingException x -> "not valid UTF-8";
            case RefusedFileException x -> x.getMessage();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }

    /** {@code 1 MiB}, {@code 256 MiB}, {@code 1536 KiB}, {@code 100 bytes}. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    private static RefusedFileException tooLarge(int maxBytes) {
        return new RefusedFileException("larger than the " + size(maxBytes) + " limit");
    }

    /**
     * Reads {@code expected} bytes, then checks for more: a file that grew, or one whose size the file system
     * does not know, is read on, but never past {@code maxBytes}.
     */
    private static byte[] readCapped(SeekableByteChannel channel, int expected, int maxBytes) throws IOException {
        byte[] buffer = new byte[expected];
        int n = fill(channel, buffer, 0);
        if (n < expected) {
            return Arrays.copyOf(buffer, n); // it shrank
        }
        ByteBuffer probe = ByteBuffer.allocate(1);
        if (channel.read(probe) <= 0) {
            return buffer;
        }
        if (n >= maxBytes) {
            throw tooLarge(maxBytes);
        }
        buffer = Arrays.copyOf(buffer, Math.min(Math.max(2 * n, 8192), maxBytes + 1));
        buffer[n++] = probe.get(0);
        while (true) {
            n = fill(channel, buffer, n);
            if (n < buffer.length) {
                return Arrays.copyOf(buffer, n);
            }
            if (n > maxBytes) {
                throw tooLarge(maxBytes);
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min(2L * n, maxBytes + 1L));
        }
    }

    /** Reads into {@code buffer} from {@code at} until it is full or the channel ends; returns the new fill. */
    private static int fill(SeekableByteChannel channel, byte[] buffer, int at) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, at, buffer.length - at);
        while (target.hasRemaining()) {
            if (channel.read(target) < 0) {
                break;
            }
        }
        return target.position();
    }
}
