package dev.theater.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.TheaterException;
import dev.theater.core.EngineMode;
import dev.theater.core.WasmLoadException;
import dev.theater.testing.fuzz.Edit;
import dev.theater.testing.fuzz.Edits;
import dev.theater.testing.fuzz.SeedFiles;
import dev.theater.testing.fuzz.Within;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutated copies of every real guest ({@code test-actors/* /*.wasm}, {@code examples/* /*.wasm}) are loaded from a
 * file by the real engine, interpreted and compiled: each loads or fails with a {@link WasmLoadException} (phase
 * LOAD) naming the file, never a raw exception from Chicory, an {@code Error} or a hang. The edits include byte
 * flips, truncations, insertions (of Wasm's own opcodes and of maximal and overlong LEB128 numbers),
 * duplications; a second property builds valid modules whose code nests blocks up to 20,000 deep.
 */
class WasmLoadFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static final List<byte[]> TOKENS = List.of(
            hex("0240"), hex("0340"), hex("0440"), hex("0b"), hex("05"), hex("0c00"), hex("0c7f"), hex("0e0000"),
            hex("ffffffff0f"), hex("8080808080"), hex("ffffffffffffffffff01"), hex("7f"), hex("00"), hex("01"),
            hex("0061736d01000000"), hex("000d0001"), hex("60"), hex("7b"), hex("fd"), hex("fc"), hex("11"),
            hex("10ffffffff0f"), hex("2800"), hex("41ffffffff07"), hex("070501016100"), hex("0100"), hex("0a00"));

    private static Path dir;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("wasm-fuzz");
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<Path> seeds() {
        return Arbitraries.of(Stream.concat(SeedFiles.inSubfolders("test-actors", ".wasm").stream(),
                SeedFiles.inSubfolders("examples", ".wasm").stream()).toList());
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Edits.edits(4, TOKENS, List.of(), List.of());
    }

    @Property(tries = 2000, seed = "20261201")
    void mutatedModulesInterpreted(@ForAll("seeds") Path seed, @ForAll("edits") List<Edit> edits) throws IOException {
        count(load(EngineMode.INTERPRETER, seed, Edits.apply(SeedFiles.bytes(seed), edits)));
    }

    @Property(tries = 500, seed = "20261202")
    void mutatedModulesCompiled(@ForAll("seeds") Path seed, @ForAll("edits") List<Edit> edits) throws IOException {
        count(load(EngineMode.COMPILER, seed, Edits.apply(SeedFiles.bytes(seed), edits)));
    }

    /** Both kinds of outcome happen often enough for the property to mean something. */
    private static void count(Within.Outcome<CompiledModule> outcome) {
        Statistics.label("outcome").collect(outcome.value().isPresent() ? "loads" : "refused");
        Statistics.label("outcome").coverage(c -> {
            c.check("loads").percentage(p -> p > 1);
            c.check("refused").percentage(p -> p > 50);
        });
    }

    @Property(tries = 24, seed = "20261203")
    void deeplyNestedControlFlow(@ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll("openers") String opener,
            @ForAll EngineMode mode) throws IOException {
        byte[] open = HexFormat.of().parseHex(opener);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0); // no locals
        for (int i = 0; i < depth; i++) {
            code.writeBytes(open);
        }
        for (int i = 0; i <= depth; i++) {
            code.write(0x0b);
        }
        load(mode, Path.of("nested.wasm"), module(code.toByteArray()));
    }

    @Provide
    Arbitrary<String> openers() {
        // block, loop, and 'i32.const 1; if' (a condition for each if)
        return Arbitraries.of("0240", "0340", "41010440");
    }

    private static Within.Outcome<CompiledModule> load(EngineMode mode, Path seed, byte[] bytes) throws IOException {
        Path file = dir.resolve(seed.getFileName());
        Files.write(file, bytes);

        Within.Outcome<CompiledModule> outcome = Within.run(LIMIT, "loading " + file + " (" + mode + ")",
                () -> Engine.create(mode).load(file));

        outcome.failure().ifPresent(e -> {
            assertThat(e).isInstanceOf(WasmLoadException.class);
            assertThat(((TheaterException) e).phase()).isEqualTo(TheaterException.Phase.LOAD);
            assertThat(e.getMessage()).contains(file.toString());
        });
        outcome.value().ifPresent(m -> assertThat(m.sourceName()).isEqualTo(file.toString()));
        return outcome;
    }

    /** A module with one function {@code () -> ()} whose body is {@code code} (locals included). */
    private static byte[] module(byte[] code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex("0061736d01000000"));
        out.writeBytes(section(1, hex("01600000")));
        out.writeBytes(section(3, hex("0100")));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        leb(body, code.length);
        body.writeBytes(code);
        out.writeBytes(section(10, body.toByteArray()));
        return out.toByteArray();
    }

    private static byte[] section(int id, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id);
        leb(out, content.length);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static void leb(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7f;
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
