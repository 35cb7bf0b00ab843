package dev.theater.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input meant to crash or hang the parser gets an error naming the file and the line: values nested thousands
 * deep, files that never end or never open ({@code /dev/zero}, a FIFO), files too large, limits that overflow
 * a clock, and names that would print control characters to a console.
 */
@Timeout(30)
class ManifestHostileInputTest {

    private static final String HEAD = "name = \"a\"\ncomponent_path = \"a.wasm\"\n";
    private static final String TOO_DEEP = "values nest more than 64 levels deep (each array, inline table,"
            + " table-header part and dotted-key part opens one)";
    private static final String NOT_REGULAR = "not a regular file (a FIFO, device or socket)";

    @TempDir
    Path dir;

    private ManifestException fails(String text) throws IOException {
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, text);
        return catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(file));
    }

    private String at(int line, String detail) {
        return dir.resolve("bad.toml") + ":" + line + ": " + detail;
    }

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @Test
    void thousandsOfNestedArraysAreRefusedBeforeTheyOverflowTheStack() throws IOException {
        assertThat(fails(HEAD + "x = " + nested("[", "1", "]", 2_000) + "\n")).hasMessage(at(3, TOO_DEEP));
        assertThat(fails(HEAD + "[[handlers]]\ntype = \"t\"\nconfig = { x = " + nested("[", "", "]", 3_000) + " }\n"))
                .hasMessage(at(5, TOO_DEEP));
        assertThat(fails(HEAD + "x = [\n" + "[\n".repeat(100) + "]\n".repeat(101))).hasMessage(at(67, TOO_DEEP));
    }

    @Test
    void inlineTablesDottedKeysAndHeadersCountToo() throws IOException {
        assertThat(fails(HEAD + "x = " + nested("{ a = ", "1", " }", 5_000) + "\n")).hasMessage(at(3, TOO_DEEP));
        assertThat(fails(HEAD + "x" + ".k".repeat(5_000) + " = 1\n")).hasMessage(at(3, TOO_DEEP));
        assertThat(fails(HEAD + "[t" + ".k".repeat(5_000) + "]\n")).hasMessage(at(3, TOO_DEEP));
        assertThat(fails(HEAD + "[[t" + ".k".repeat(63) + "]]\n")).hasMessage(at(3, TOO_DEEP)); // 64 parts + the entry
        assertThat(fails(HEAD + "[t" + ".k".repeat(40) + "]\nv" + ".k".repeat(30) + " = 1\n")).hasMessage(at(4, TOO_DEEP));
    }

    @Test
    void sixtyFourLevelsAreAccepted() {
        // [[handlers]] (2) > config (3) > x: 61 arrays (4..64)
        ActorManifest m = ManifestParser.parse(HEAD + "[[handlers]]\ntype = \"t\"\nconfig = { x = "
                + nested("[", "7", "]", 61) + " }\n");

        Object value = m.handlers().getFirst().config().get("x");
        for (int i = 0; i < 61; i++) {
            assertThat(value).isInstanceOf(List.class);
            value = ((List<?>) value).getFirst();
        }
        assertThat(value).isEqualTo(7L);
        assertThatThrownBy(() -> ManifestParser.parse(HEAD + "[[handlers]]\ntype = \"t\"\nconfig = { x = "
                + nested("[", "7", "]", 62) + " }\n")).hasMessage("<string>:5: " + TOO_DEEP);
    }

    @Test
    void bracketsInStringsAndCommentsDoNotCount() {
        String deep = nested("[", "", "]", 1_000);
        ActorManifest m = ManifestParser.parse(HEAD + "description = \"" + deep + "\"\nversion = '" + deep + "' # " + deep
                + "\nlong_description = \"\"\"\n" + deep + "\n\\\"\"\"" + deep + "\"\"\"\"\n"
                + "[[handlers]]\ntype = \"t\"\nconfig = { s = '''" + deep + "''', t = [\"" + deep + "\"] }\n");

        assertThat(m.description()).contains(deep);
        assertThat(m.version()).contains(deep);
        assertThat(m.longDescription()).contains(deep + "\n\"\"\"" + deep + "\"");
        assertThat(m.handlers().getFirst().config()).isEqualTo(Map.of("s", deep, "t", List.of(deep)));
    }

    /** Finding each handler's line looked through the whole file: 20,000 handlers took 10 s, 1 MiB of them a minute. */
    @Test
    @Timeout(20)
    void tensOfThousandsOfHandlersCostLinearTime() {
        int count = 40_000;
        ActorManifest m = ManifestParser.parse(HEAD + "[[handlers]]\ntype = \"t\"\n".repeat(count));

        assertThat(m.handlers()).hasSize(count);
        assertThat(m.handlers().getLast().line()).isEqualTo(3 + 2 * (count - 1));
    }

    @Test
    void initStateThatNeverEndsIsRefused() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        Path link = Files.createSymbolicLink(dir.resolve("zero.json"), zero);

        assertThat(fails(HEAD + "init_state = \"/dev/zero\"\n"))
                .hasMessage(at(3, "cannot read init_state file /dev/zero: " + NOT_REGULAR));
        assertThat(fails(HEAD + "init_state = \"zero.json\"\n"))
                .hasMessage(at(3, "cannot read init_state file " + dir.toAbsolutePath().resolve("zero.json") + ": " + NOT_REGULAR));
        Files.delete(link); // else the temporary folder's clean-up warns about a link leading out of it
    }

    @Test
    void initStateFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = mkfifo(dir.resolve("state.fifo"));

        assertThat(fails(HEAD + "\ninit_state = \"state.fifo\"\n"))
                .hasMessage(at(4, "cannot read init_state file " + fifo.toAbsolutePath() + ": " + NOT_REGULAR));
    }

    @Test
    void manifestThatIsAFifoOrADeviceIsRefused() throws Exception {
        Path fifo = mkfifo(dir.resolve("m.toml"));

        assertThat(catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(fifo)))
                .hasMessage(fifo + ": cannot read manifest: " + NOT_REGULAR);
        assertThat(catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(Path.of("/dev/zero"))))
                .hasMessage("/dev/zero: cannot read manifest: " + NOT_REGULAR);
    }

    @Test
    void oversizeFilesAreRefused() throws IOException {
        Path big = dir.resolve("big.toml");
        Files.writeString(big, HEAD + "#".repeat(ManifestParser.MAX_MANIFEST_BYTES - HEAD.length() + 1));
        assertThat(catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(big)))
                .hasMessage(big + ": cannot read manifest: larger than the 1 MiB limit");

        Path state = dir.resolve("state.json");
        try (RandomAccessFile f = new RandomAccessFile(state.toFile(), "rw")) {
            f.setLength(ManifestParser.MAX_INIT_STATE_BYTES + 1L); // sparse: costs no disk
        }
        assertThat(fails(HEAD + "init_state = \"state.json\"\n")).hasMessage(at(3,
                "cannot read init_state file " + state.toAbsolutePath() + ": larger than the 16 MiB limit"));

        String text = HEAD + "#".repeat(ManifestParser.MAX_MANIFEST_BYTES);
        assertThatThrownBy(() -> ManifestParser.parse(text, "child", dir))
                .hasMessage("child: larger than the 1 MiB limit for a manifest");
    }

    @Test
    void filesAtTheirCapsAndLinksToRegularFilesAreRead() throws IOException {
        Path state = dir.resolve("state.json");
        Files.write(state, new byte[ManifestParser.MAX_INIT_STATE_BYTES]);
        Files.createSymbolicLink(dir.resolve("link.json"), state);
        Path manifest = dir.resolve("m.toml");
        String text = HEAD + "init_state = \"link.json\"\n";
        Files.writeString(manifest, text + "#".repeat(ManifestParser.MAX_MANIFEST_BYTES - text.length()));

        ActorManifest m = ManifestParser.parse(manifest);

        assertThat(m.initState().orElseThrow().bytes()).hasSize(ManifestParser.MAX_INIT_STATE_BYTES);
        assertThat(m.initState().orElseThrow().path()).isEqualTo(dir.toAbsolutePath().resolve("link.json"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            call_timeout_ms = 9223372036855        | 'limits.call_timeout_ms' must be at most 86400000, found 9223372036855
            call_timeout_ms = 86400001             | 'limits.call_timeout_ms' must be at most 86400000, found 86400001
            mailbox_wait_ms = 9223372036854775807  | 'limits.mailbox_wait_ms' must be at most 86400000, found 9223372036854775807
            mailbox_wait_ms = 0                    | 'limits.mailbox_wait_ms' must be a positive integer, found integer 0
            max_memory_pages = -9223372036854775808 | 'limits.max_memory_pages' must be a positive integer, found integer -9223372036854775808
            """)
    void limitsOutsideTheirRangesAreRefusedAtParseTime(String line, String detail) throws IOException {
        assertThat(fails(HEAD + "[limits]\n\n" + line + "\n")).hasMessage(at(5, detail));
    }

    @Test
    void limitsAtTheEdgesOfTheirRangesAreAccepted() {
        ActorManifest m = ManifestParser.parse(HEAD + "[limits]\nmax_memory_pages = 65536\ncall_timeout_ms = 86400000\n"
                + "mailbox_capacity = 2147483647\nmailbox_wait_ms = 86400000\n");

        assertThat(m.limits()).isEqualTo(new ActorLimits(65536, Duration.ofDays(1), Integer.MAX_VALUE, Duration.ofDays(1)));
    }

    @Test
    void limitsBuiltInCodeHaveTheSameRanges() {
        assertThatThrownBy(() -> new ActorLimits(16, Duration.ofMillis(9223372036855L), 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("callTimeout must be positive and at most PT24H, was PT2562047H47M16.855S");
        assertThatThrownBy(() -> new ActorLimits(16, Duration.ofSeconds(1), 8, Duration.ofMillis(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mailboxWait must be within 0..PT24H, was PT2562047788015H12M55.807S");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `a\\nb`              | U+000A at character 2
            `\\u0000`            | U+0000 at character 1
            `red\\u001b[31m`     | U+001B at character 4
            `a\\u007f`           | U+007F at character 2
            `a\\u0085`           | U+0085 at character 2
            `abc\\u202egnp.exe`  | U+202E at character 4
            `a\\u2066b`          | U+2066 at character 2
            `zero\\u200bwidth`   | U+200B at character 5
            `\\uFEFFbom`         | U+FEFF at character 1
            `a\\u2028b`          | U+2028 at character 2
            `😀\\u0007`          | U+0007 at character 2
            """)
    void namesWithControlOrFormattingCharactersAreRefused(String escaped, String found) throws IOException {
        assertThat(fails("component_path = \"a.wasm\"\nname = \"" + escaped + "\"\n"))
                .hasMessage(at(2, "'name' must not contain control or invisible formatting characters; found " + found));
    }

    @Test
    void aNewlineInAMultiLineNameIsRefusedAtItsKey() throws IOException {
        assertThat(fails("component_path = \"a.wasm\"\n\nname = \"\"\"first\nsecond\"\"\"\n"))
                .hasMessage(at(3, "'name' must not contain control or invisible formatting characters; found U+000A at"
                        + " character 6"));
    }

    @Test
    void handlerTypesWithControlCharactersAreRefused() throws IOException {
        assertThat(fails(HEAD + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"run\\ttime\"\n"))
                .hasMessage(at(6, "[[handlers]] entry 2: 'type' must not contain control or invisible formatting"
                        + " characters; found U+0009 at character 4"));
        assertThat(fails("name = \"a\"\ncomponent = \"a.wasm\"\n[[handler]]\ntype = \"x\\u001b\"\n"))
                .hasMessage(at(4, "[[handler]] entry 1: 'type' must not contain control or invisible formatting"
                        + " characters; found U+001B at character 2"));
    }

    @Test
    void printableUnicodeNamesAreAccepted() {
        assertThat(ManifestParser.parse("name = \"zähler-😀-計數器 ok\"\ncomponent_path = \"a.wasm\"\n").name())
                .isEqualTo("zähler-😀-計數器 ok");
    }

    /** Makes a FIFO with mkfifo(1); the test is skipped where there is none. */
    static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            throw e;
        }
        assumeTrue(p.waitFor() == 0, "mkfifo failed");
        return path;
    }
}
