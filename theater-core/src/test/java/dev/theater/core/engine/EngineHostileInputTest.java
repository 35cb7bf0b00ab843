package dev.theater.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.theater.api.TheaterException;
import dev.theater.core.EngineMode;
import dev.theater.core.WasmLoadException;
import dev.theater.core.testing.TestActors;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Module files that are not files (a FIFO, {@code /dev/zero}), too large, or malformed in ways Chicory's decoder
 * does not expect: each is a {@link WasmLoadException} naming the file, never a raw runtime exception or a hang.
 */
@Timeout(30)
class EngineHostileInputTest {

    private static final String NOT_REGULAR = "not a regular file (a FIFO, device or socket)";

    /** A module with one export of kind 0x3a, which no Wasm version has; Chicory indexes a 5-entry table with it. */
    private static final byte[] BAD_EXPORT_KIND = {0, 'a', 's', 'm', 1, 0, 0, 0, 7, 5, 1, 1, 'a', 0x3a, 0};

    /** One function {@code () -> ()} whose body ends three times; Chicory's decoder dereferences a null for it. */
    private static final byte[] ENDS_TOO_OFTEN = {
        0, 'a', 's', 'm', 1, 0, 0, 0,
        1, 4, 1, 0x60, 0, 0, // type section: () -> ()
        3, 2, 1, 0, // function section: one function of type 0
        10, 6, 1, 4, 0, 0x0b, 0x0b, 0x0b, // code section: no locals, end end end
    };

    /*
     * The JVM drops the message of an exception its compiled code has thrown often from one place (a "fast
     * throw"; the fuzz tests make Chicory throw thousands), so the reason may come without Chicory's detail.
     */

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void decoderIndexErrorsAreLoadErrorsNamingTheFile(EngineMode mode) {
        WasmLoadException e = catchThrowableOfType(WasmLoadException.class,
                () -> Engine.create(mode).compile("kind.wasm", BAD_EXPORT_KIND));

        assertThat(e.getMessage()).matches("invalid WebAssembly module kind\\.wasm: malformed"
                + " \\(ArrayIndexOutOfBoundsException(: Index 58 out of bounds for length 5)?\\)");
        assertThat(e).hasCauseInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(e.phase()).isEqualTo(TheaterException.Phase.LOAD);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void decoderNullsAreLoadErrorsNamingTheFile(EngineMode mode) {
        WasmLoadException e = catchThrowableOfType(WasmLoadException.class,
                () -> Engine.create(mode).compile("ends.wasm", ENDS_TOO_OFTEN));

        assertThat(e.getMessage()).matches("invalid WebAssembly module ends\\.wasm: malformed \\(NullPointerException(: .+)?\\)");
        assertThat(e).hasCauseInstanceOf(NullPointerException.class);
    }

    /** With assertions on (as in tests), Chicory's decoder fails an {@code assert} on this; without, it says why. */
    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void decoderAssertionsAreLoadErrorsNamingTheFile(EngineMode mode) {
        byte[] module = TestActors.bytes("runaway");
        byte[] broken = new byte[module.length + 3];
        System.arraycopy(module, 0, broken, 0, 177);
        System.arraycopy(new byte[] {0x02, 0x05, 0x40}, 0, broken, 177, 3); // a block whose type byte, 0x05, is no type
        System.arraycopy(module, 177, broken, 180, module.length - 177);

        assertThatThrownBy(() -> Engine.create(mode).compile("runaway.wasm", broken))
                .isInstanceOf(WasmLoadException.class)
                .hasMessageStartingWith("invalid WebAssembly module runaway.wasm: ");
    }

    @Test
    void aModuleFileThatNeverEndsIsRefused() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));

        assertThatThrownBy(() -> Engine.create(EngineMode.INTERPRETER).load(zero))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage("cannot read wasm module /dev/zero: " + NOT_REGULAR);
    }

    @Test
    void aModuleFifoIsRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("actor.wasm");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(p.waitFor() == 0, "mkfifo failed");

        assertThatThrownBy(() -> Engine.create(EngineMode.INTERPRETER).load(fifo))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage("cannot read wasm module " + fifo + ": " + NOT_REGULAR);
    }

    @Test
    void aModuleFileOverTheCapIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.wasm");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(Engine.MAX_MODULE_BYTES + 1L); // sparse: costs no disk
        }

        assertThatThrownBy(() -> Engine.create(EngineMode.INTERPRETER).load(huge))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage("cannot read wasm module " + huge + ": larger than the 256 MiB limit");
    }

    @Test
    void aMissingModuleFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("gone.wasm");

        assertThatThrownBy(() -> Engine.create(EngineMode.INTERPRETER).load(missing))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage("cannot read wasm module " + missing + ": no such file");
    }

    @Test
    void aLinkToAModuleIsFollowed(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.wasm"), TestActors.wasm("runaway").toAbsolutePath());

        assertThat(Engine.create(EngineMode.INTERPRETER).load(link).sourceName()).isEqualTo(link.toString());
        Files.delete(link); // else the temporary folder's clean-up warns about a link leading out of it
    }
}
