package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.TheaterException;
import dev.theater.testing.fuzz.Edit;
import dev.theater.testing.fuzz.Edits;
import dev.theater.testing.fuzz.SeedFiles;
import dev.theater.testing.fuzz.Within;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Mutated copies of the real WIT files go through the real parser: the theater:simple package ({@code wit/*.wit},
 * one of its files mutated, the others as they are), each guest's own package ({@code test-actors/* /*.wit}) and a
 * package with a {@code deps/} folder ({@code wit/src/test/resources/wit-folders/shop}), each parsed with
 * theater:simple available, as a provider's WIT is.
 * Each either resolves or fails with a {@link WitParseException} (phase WIT) at a {@code file:line:column} of one
 * of its files, never another exception, an {@code Error} or a hang. The edits include WIT's own tokens and
 * keywords, types nested up to 5,000 deep, and alias, {@code use} and {@code include} chains of up to 5,000 steps.
 */
class WitFuzzTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static final List<byte[]> TOKENS = Edits.tokens(
            "<", ">", "list<", "option<", "tuple<", "result<", "result", "_", ",", ";", ":", "{", "}", "(", ")", "->",
            "=", ".", "/", "@", "@0.1.0", "@1", "%", "%type", "///", "//", "/*", "*/", "\n", " ", "use ", "type ",
            "record ", "variant ", "enum ", "flags ", "resource ", "interface ", "world ", "include ", "import ",
            "export ", "package ", "package a:b;\n", "func", "func(", "async ", "own<", "borrow<", "future", "stream",
            "types.{json}", "theater:simple/", "wasi:io/streams", " as ", " with ", "\u0000", "é", "\t", "\u202e",
            "u8", "string", "json", "state", "self", "interface i { use types.{json, json}; }\n",
            "interface dup { type a = u8; record a { x: u8 } }\n", "world w { include w; }\n",
            "flags f { a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z, aa, ab, ac, ad, ae, af, ag }\n");

    private static final List<Edit.Nesting> NESTINGS = List.of(
            new Edit.Nesting("interface z { type t = ", "list<", "u8", ">", "; }"),
            new Edit.Nesting("interface z { type t = ", "tuple<", "u8", ">", "; }"),
            new Edit.Nesting("interface z { type t = ", "option<", "u8", ">", "; }"),
            new Edit.Nesting("interface z { f: func() -> ", "result<_, ", "string", ">", "; }"),
            new Edit.Nesting("interface z { variant v { a(", "tuple<u8, ", "string", ">", ") } }"),
            new Edit.Nesting("interface z { type t = ", "list<", "u8", "", "; }"),
            new Edit.Nesting("", "/*", "", "*/", ""));

    private static final List<Edit.Chaining> CHAININGS = List.of(
            new Edit.Chaining("interface y { type a0 = u8; ", "type a%d = a%d; ", "}"),
            new Edit.Chaining("interface y { type a0 = u8; ", "type a%d = option<a%d>; ", "}"),
            new Edit.Chaining("interface y { type a0 = u8; ", "record a%d { x: a%d } ", "}"),
            new Edit.Chaining("interface y { ", "type a%d = a%d; ", "type a0 = a9; }"),
            new Edit.Chaining("interface x0 { type t = u8; } ", "interface x%d { use x%d.{t}; } ", ""),
            new Edit.Chaining("world v0 { import types; } ", "world v%d { include v%d; } ", ""));

    /** One package (with its deps/, if any): its files, named relative to {@code base}. */
    record Seed(String label, Path base, List<Path> files) {
        Seed(String label, List<Path> files) {
            this(label, files.getFirst().getParent(), files);
        }

        String name(Path file) {
            return base.relativize(file).toString().replace('\\', '/');
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @Provide
    Arbitrary<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(new Seed("theater:simple", SeedFiles.in("wit", ".wit")));
        for (Path guest : SeedFiles.inSubfolders("test-actors", ".wit")) {
            seeds.add(new Seed(guest.getFileName().toString(), List.of(guest)));
        }
        // a root package with deps/ (a folder package and a single-file one) that uses theater:simple
        Path shop = SeedFiles.root().resolve("wit/src/test/resources/wit-folders/shop");
        try (Stream<Path> walk = Files.walk(shop)) {
            seeds.add(new Seed("shop (with deps/)", shop, walk.filter(p -> p.toString().endsWith(".wit")).sorted()
                    .toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // theater:simple is 13 files against one file per guest: give it half of the tries
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(seeds.size() - 1, Arbitraries.just(seeds.getFirst())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(seeds.subList(1, seeds.size()))));
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Edits.edits(5, TOKENS, NESTINGS, CHAININGS);
    }

    @Property(tries = 1500, seed = "20261201")
    void mutatedWitResolvesOrFailsAtAPlaceInItsFiles(@ForAll("seeds") Seed seed, @ForAll int which,
            @ForAll("edits") List<Edit> edits) {
        int mutated = Math.floorMod(which, seed.files().size());
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < seed.files().size(); i++) {
            Path p = seed.files().get(i);
            byte[] bytes = SeedFiles.bytes(p);
            files.put(seed.name(p), new String(i == mutated ? Edits.apply(bytes, edits) : bytes,
                    StandardCharsets.UTF_8));
        }

        Within.Outcome<WitPackage> outcome = Within.run(LIMIT, "parsing " + seed, () -> WitParser.parse(files, TheaterWit.packages()));

        outcome.failure().ifPresent(e -> {
            assertThat(e).isInstanceOf(WitParseException.class);
            assertThat(((TheaterException) e).phase()).isEqualTo(TheaterException.Phase.WIT);
            assertThat(((WitParseException) e).file()).isIn(files.keySet());
            assertThat(e.getMessage()).matches("(?s)" + Pattern.quote(((WitParseException) e).file()) + ":\\d+:\\d+: .+");
        });
        Statistics.label("outcome").collect(outcome.value().isPresent() ? "resolves" : "refused");
        Statistics.label("outcome").coverage(c -> {
            c.check("resolves").percentage(p -> p > 5);
            c.check("refused").percentage(p -> p > 30);
        });
    }
}
