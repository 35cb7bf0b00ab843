package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitType.Primitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the WIT parser accepts, and what it makes of it. */
class WitParserTest {

    private static WitPackage parse(String text) {
        return WitParser.parse(Map.of("a.wit", text));
    }

    private static String sig(WitPackage p, String iface, String fn) {
        return p.requireInterface(iface).function(fn).orElseThrow().signature();
    }

    @Test
    void packageWithVersionAndDocs() {
        WitPackage p = parse("""
                /// the package
                package my-ns:my-pkg@1.2.3-rc.1+build.5;
                /** An interface.
                 * Second line. */
                interface i {
                    /// Does f.
                    /// Really.
                    f: func();
                }
                """);
        assertThat(p.name()).isEqualTo("my-ns:my-pkg");
        assertThat(p.version()).contains("1.2.3-rc.1+build.5");
        WitInterface i = p.requireInterface("i");
        assertThat(i.version()).contains("1.2.3-rc.1+build.5");
        assertThat(i.docs()).isEqualTo("An interface.\nSecond line.");
        assertThat(i.function("f").orElseThrow().docs()).isEqualTo("Does f.\nReally.");
    }

    @Test
    void everyTypeForm() {
        WitPackage p = parse("""
                package a:b;
                interface i {
                    f: func(a: bool, b: s8, c: u8, d: s16, e: u16, g: s32, h: u32, i: s64, j: u64, k: f32, l: f64,
                            m: float32, n: float64, o: char, p: string, q: list<list<u8>>, r: option<string>,
                            s: tuple<u32, string,>, t: result, u: result<u32>, v: result<_, string>,
                            w: result<u32, string>,) -> tuple<u8>;
                }
                """);
        assertThat(sig(p, "i", "f")).isEqualTo("func(a: bool, b: s8, c: u8, d: s16, e: u16, g: s32, h: u32, i: s64,"
                + " j: u64, k: f32, l: f64, m: f32, n: f64, o: char, p: string, q: list<list<u8>>, r: option<string>,"
                + " s: tuple<u32, string>, t: result, u: result<u32>, v: result<_, string>, w: result<u32, string>)"
                + " -> tuple<u8>");
    }

    @Test
    void namedTypesKeepTheirNamesAndAliasesVanish() {
        WitPackage p = parse("""
                package a:b;
                interface i {
                    use-it: func(r: rec, v: var, e: en, f: fl) -> alias2;
                    type alias2 = alias1;
                    type alias1 = option<rec>;
                    record rec { x: u32, y: list<en>, }
                    variant var { none, some(rec), }
                    enum en { a, b }
                    flags fl { read, write, }
                }
                """);
        WitInterface i = p.requireInterface("i");
        WitType.Enum en = new WitType.Enum("en", List.of("a", "b"));
        WitType.Record rec = new WitType.Record("rec", List.of(new WitType.Field("x", Primitive.U32),
                new WitType.Field("y", new WitType.ListOf(en))));
        assertThat(i.types()).containsExactly(
                Map.entry("alias2", new WitType.OptionOf(rec)),
                Map.entry("alias1", new WitType.OptionOf(rec)),
                Map.entry("rec", rec),
                Map.entry("var", new WitType.Variant("var", List.of(new WitType.Case("none", Optional.empty()),
                        new WitType.Case("some", Optional.of(rec))))),
                Map.entry("en", en),
                Map.entry("fl", new WitType.Flags("fl", List.of("read", "write"))));
        assertThat(sig(p, "i", "use-it")).isEqualTo("func(r: rec, v: var, e: en, f: fl) -> option<rec>");
    }

    @Test
    void useAcrossFilesWithAliasesAndPackagePaths() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("b.wit", """
                interface consumer {
                    use producer.{thing, other as renamed};
                    use a:b/producer.{thing as thing2};
                    use middle.{thing as via-middle};
                    f: func(t: thing, r: renamed, t2: thing2, m: via-middle);
                }
                interface middle {
                    use a:b/producer@0.1.0.{thing};
                }
                """);
        files.put("a.wit", """
                package a:b@0.1.0;
                interface producer {
                    record thing { x: string }
                    type other = u64;
                }
                """);
        WitPackage p = WitParser.parse(files);
        assertThat(p.interfaces()).containsOnlyKeys("consumer", "middle", "producer");
        assertThat(sig(p, "consumer", "f")).isEqualTo("func(t: thing, r: u64, t2: thing, m: thing)");
        assertThat(p.requireInterface("consumer").types()).containsOnlyKeys("thing", "renamed", "thing2", "via-middle");
    }

    @Test
    void escapedIdentifiersCommentsAndOldNamedResults() {
        WitPackage p = parse("""
                package a:b; // trailing comment
                /* a block /* nested */ comment */
                interface %interface {
                    record %record { %type: string, }
                    //// four slashes: not a doc
                    %func: func(%use: %record) -> (a: u32, b: string);
                    none: func() -> ();
                }
                """);
        WitInterface i = p.requireInterface("interface");
        assertThat(i.types()).containsOnlyKeys("record");
        WitFunction f = i.function("func").orElseThrow();
        assertThat(f.signature()).isEqualTo("func(use: record) -> tuple<u32, string>");
        assertThat(f.docs()).isEmpty();
        assertThat(i.function("none").orElseThrow().result()).isEmpty();
    }

    @Test
    void worldsWithFunctionsInlineInterfacesIncludesAndUses() {
        WitPackage p = parse("""
                package a:b;
                interface types { type id = string; }
                interface host { use types.{id}; get: func() -> id; }
                world base { import host; }
                /// the full world
                world full {
                    include base;
                    use types.{id};
                    type pair = tuple<id, id>;
                    import a:b/types;
                    import log: func(msg: string);
                    export run: func(p: pair) -> result<_, string>;
                    export callbacks: interface {
                        use types.{id};
                        on-event: func(who: id);
                    }
                }
                """);
        WitWorld w = p.requireWorld("full");
        assertThat(w.docs()).isEqualTo("the full world");
        assertThat(w.imports()).extracting(WitInterface::name).containsExactly("types", "host");
        assertThat(w.importedFunctions().get("log").signature()).isEqualTo("func(msg: string)");
        assertThat(w.exportedFunctions().get("run").signature())
                .isEqualTo("func(p: tuple<string, string>) -> result<_, string>");
        assertThat(w.exports()).extracting(WitInterface::name).containsExactly("callbacks");
        assertThat(w.exported("callbacks").orElseThrow().function("on-event").orElseThrow().signature())
                .isEqualTo("func(who: string)");
        assertThat(p.interfaces()).doesNotContainKey("callbacks");
        assertThat(new WitWorld("w", List.of(), List.of(), "").importedFunctions()).isEmpty();
    }

    @Test
    void filesWithoutPackageLineJoinTheDeclaredOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.wit"), "interface b { use a.{t}; f: func(x: t); }");
        Files.writeString(dir.resolve("a.wit"), "package x:y;\ninterface a { type t = u8; }");
        Files.writeString(dir.resolve("ignored.txt"), "not wit");
        WitPackage p = WitParser.parseDirectory(dir);
        assertThat(p.interfaces()).containsOnlyKeys("a", "b");
        assertThat(sig(p, "b", "f")).isEqualTo("func(x: u8)");
    }

    @Test
    void roundTripOfWitStrings() {
        List<String> types = List.of("bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64", "u64", "f32", "f64", "char",
                "string", "list<u8>", "list<list<string>>", "option<u32>", "option<option<char>>", "result",
                "result<u32>", "result<_, string>", "result<u32, string>", "tuple<u8>", "tuple<u8, string, list<s64>>",
                "result<option<list<u8>>, tuple<string, u64>>", "list<tuple<string, string>>", "rec", "option<rec>");
        StringBuilder src = new StringBuilder("package a:b;\ninterface i {\n record rec { x: u8 }\n");
        for (int n = 0; n < types.size(); n++) {
            src.append(" type t").append(n).append(" = ").append(types.get(n)).append(";\n");
        }
        WitInterface i = parse(src.append("}\n").toString()).requireInterface("i");
        for (int n = 0; n < types.size(); n++) {
            WitType t = i.types().get("t" + n);
            assertThat(t.wit()).isEqualTo(types.get(n));
            WitInterface again = parse("package a:b; interface j { record rec { x: u8 } type t = " + t.wit() + "; }")
                    .requireInterface("j");
            assertThat(again.types().get("t")).isEqualTo(t);
        }
    }
}
