package dev.theater.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.TheaterException;
import dev.theater.testing.fuzz.Edit;
import dev.theater.testing.fuzz.Edits;
import dev.theater.testing.fuzz.SeedFiles;
import dev.theater.testing.fuzz.Within;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutated copies of the real example manifests ({@code examples/* /*.toml}) go through the real parser, from a
 * file and from a string: each either parses or fails with a {@link ManifestException} (phase MANIFEST) that
 * names its input, never another exception, an {@code Error} or a hang, and both ways agree. The edits include
 * TOML's own tokens, values nested up to 5,000 deep, limits past their ranges, names with control characters,
 * and {@code init_state} pointing at {@code /dev/zero}, a FIFO, a folder and a file past its cap.
 */
class ManifestFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static final List<byte[]> TOKENS = Edits.tokens(
            "[", "]", "[[", "]]", "{", "}", "\"", "'", "\"\"\"", "'''", "=", ".", ",", "#", "\n", "\r\n", "\\", " ",
            "\\u0000", "\\n", "\\e", "\u202e", "\u0000", "\u0085", "\uFEFF", "é", "99999999999999999999", "-0",
            "1e400", "inf", "nan", "1979-05-27T07:32:00Z", "true", "0x7fffffffffffffff",
            "\n[[handlers]]\n", "\n[[handler]]\n", "\n[limits]\n", "\n[handlers.config]\n", "config = { a = [1, 2] }\n",
            "type = \"runtime\"\n", "component = \"x.wasm\"\n", "component_path = \"\"\n", "name = \"a\\nb\"\n",
            "name = \"\\u001b[2J\"\n", "init_state = \"state.json\"\n", "init_state = \"/dev/zero\"\n",
            "init_state = \"fifo\"\n", "init_state = \"folder\"\n", "init_state = \"big.json\"\n",
            "init_state = \"zero-link\"\n", "init_state = \"missing\"\n", "init_state = \"a\\u0000b\"\n",
            "call_timeout_ms = 9223372036855\n", "mailbox_wait_ms = 9223372036854775807\n",
            "max_memory_pages = 65537\n", "mailbox_capacity = 0\n", "limits.call_timeout_ms = 86400001\n",
            "limits = 3\n", "handlers = 3\n");

    private static final List<Edit.Nesting> NESTINGS = List.of(
            new Edit.Nesting("x = ", "[", "1", "]", ""),
            new Edit.Nesting("x = ", "{ a = ", "1", " }", ""),
            new Edit.Nesting("x = ", "[{ a = ", "1", " }]", ""),
            new Edit.Nesting("x", ".k", " = 1", "", ""),
            new Edit.Nesting("[t", ".k", "]", "", ""),
            new Edit.Nesting("[[t", ".k", "]]", "", ""),
            new Edit.Nesting("config = { x = ", "[", "", "]", " }"),
            new Edit.Nesting("x = ", "[\n", "", "]\n", ""),
            new Edit.Nesting("x = \"", "[", "", "]", "\""));

    private static final List<Edit.Chaining> CHAININGS = List.of(
            new Edit.Chaining("", "[[handlers]]\ntype = \"t%d\"\nconfig = { k%d = 1 }\n", ""),
            new Edit.Chaining("", "[t%d]\nk%d = 1\n", ""));

    private static Path dir;

    @BeforeContainer
    static void fixtures() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("manifest-fuzz");
        Files.writeString(dir.resolve("state.json"), "{\"count\": 1}");
        Files.createDirectory(dir.resolve("folder"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("big.json").toFile(), "rw")) {
            f.setLength(ManifestParser.MAX_INIT_STATE_BYTES + 1L); // sparse
        }
        if (Files.exists(Path.of("/dev/zero"))) {
            Files.createSymbolicLink(dir.resolve("zero-link"), Path.of("/dev/zero"));
        }
        try {
            new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor();
        } catch (IOException e) {
            // no mkfifo here: "fifo" is then a missing file, still a fine input
        }
    }

    @AfterContainer
    static void removeFixtures() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<Path> seeds() {
        return Arbitraries.of(SeedFiles.inSubfolders("examples", ".toml"));
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Edits.edits(6, TOKENS, NESTINGS, CHAININGS);
    }

    @Property(tries = 1500, seed = "20261201")
    void mutatedManifestsParseOrFailNamingTheirInput(@ForAll("seeds") Path seed, @ForAll("edits") List<Edit> edits)
            throws IOException {
        byte[] input = Edits.apply(SeedFiles.bytes(seed), edits);
        Path file = dir.resolve(seed.getFileName());
        Files.write(file, input);

        Within.Outcome<ActorManifest> fromFile = Within.run(LIMIT, "parsing " + file, () -> ManifestParser.parse(file));
        check(fromFile, file.toString());
        Statistics.label("outcome").collect(fromFile.value().isPresent() ? "parses" : "refused");
        coverage();

        Optional<String> text = utf8(input);
        if (text.isEmpty()) {
            assertThat(fromFile.failure().orElseThrow()).hasMessage(file + ": cannot read manifest: not valid UTF-8");
            return;
        }
        Within.Outcome<ActorManifest> fromText = Within.run(LIMIT, "parsing the text of " + file,
                () -> ManifestParser.parse(text.get(), "fuzz.toml", dir));
        check(fromText, "fuzz.toml");
        if (fromFile.value().isPresent()) {
            ActorManifest m = fromFile.value().get();
            assertThat(fromText.value()).contains(new ActorManifest(m.name(), m.wasm(), m.version(), m.description(),
                    m.longDescription(), m.saveChain(), m.initState(), m.handlers(), m.limits(), m.limitLines(), "fuzz.toml", m.baseDir()));
        } else {
            ManifestException a = (ManifestException) fromFile.failure().orElseThrow();
            ManifestException b = (ManifestException) fromText.failure().orElseThrow();
            assertThat(b.line() + ": " + b.detail()).isEqualTo(a.line() + ": " + a.detail());
        }
    }

    /** Both kinds of outcome happen often enough for the property to mean something. */
    private static void coverage() {
        Statistics.label("outcome").coverage(c -> {
            c.check("parses").percentage(p -> p > 5);
            c.check("refused").percentage(p -> p > 30);
        });
    }

    /** A failure is a ManifestException naming {@code source}; a success has a printable name and limits in range. */
    private static void check(Within.Outcome<ActorManifest> outcome, String source) {
        outcome.failure().ifPresent(e -> {
            assertThat(e).isInstanceOf(ManifestException.class);
            assertThat(((TheaterException) e).phase()).isEqualTo(TheaterException.Phase.MANIFEST);
            assertThat(((ManifestException) e).file()).isEqualTo(source);
            assertThat(e.getMessage()).startsWith(source + ":");
        });
        outcome.value().ifPresent(m -> {
            assertThat(m.name()).doesNotContainPattern("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");
            assertThat(m.limits().callTimeout()).isLessThanOrEqualTo(Duration.ofDays(1));
            assertThat(m.limits().mailboxWait()).isLessThanOrEqualTo(Duration.ofDays(1));
        });
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
