package dev.theater.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RegularFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileUpToItsCap() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[] {1, 2, 3});

        assertThat(RegularFiles.read(file, 3)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> RegularFiles.read(file, 2))
                .isInstanceOf(RegularFiles.RefusedFileException.class)
                .hasMessage("larger than the 2 bytes limit");
        assertThat(RegularFiles.read(Files.write(dir.resolve("empty"), new byte[0]), 0)).isEmpty();
    }

    /** {@code /proc} files say they are empty and are not: they are read on, up to the cap. */
    @Test
    void aFileLongerThanItsSizeSaysIsReadUpToTheCap() throws IOException {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status) && Files.size(status) == 0);

        assertThat(new String(RegularFiles.read(status, 1 << 20))).startsWith("Name:");
        assertThatThrownBy(() -> RegularFiles.read(status, 16)).hasMessage("larger than the 16 bytes limit");
        Path smaps = Path.of("/proc/self/smaps"); // a JVM's runs to hundreds of KiB: the buffer grows, then the cap holds
        assertThat(RegularFiles.read(smaps, 64 << 20).length).isGreaterThan(50_000);
        assertThatThrownBy(() -> RegularFiles.read(smaps, 50_000)).hasMessage("larger than the 50000 bytes limit");
    }

    @Test
    void refusesWhatIsNotARegularFile() {
        assertThatThrownBy(() -> RegularFiles.read(dir, 100)).hasMessage("is a directory");
        assumeTrue(Files.exists(Path.of("/dev/null")));
        assertThatThrownBy(() -> RegularFiles.read(Path.of("/dev/null"), 100))
                .hasMessage("not a regular file (a FIFO, device or socket)");
    }

    @Test
    void reasonsAreShort() throws IOException {
        Path latin1 = Files.write(dir.resolve("l"), new byte[] {(byte) 0xe9});

        assertThat(RegularFiles.reason(catchIo(() -> RegularFiles.readUtf8(latin1, 10)))).isEqualTo("not valid UTF-8");
        assertThat(RegularFiles.reason(catchIo(() -> RegularFiles.read(dir.resolve("none"), 10)))).isEqualTo("no such file");
        assertThat(RegularFiles.reason(new MalformedInputException(1))).isEqualTo("not valid UTF-8");
        assertThat(RegularFiles.reason(new NoSuchFileException("x"))).isEqualTo("no such file");
        assertThat(RegularFiles.size(1 << 20)).isEqualTo("1 MiB");
        assertThat(RegularFiles.size(256 << 20)).isEqualTo("256 MiB");
        assertThat(RegularFiles.size(3 << 10)).isEqualTo("3 KiB");
        assertThat(RegularFiles.size(1536)).isEqualTo("1536 bytes");
    }

    private interface IoCall {
        void run() throws IOException;
    }

    private static IOException catchIo(IoCall call) {
        try {
            call.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected an IOException");
    }
}
