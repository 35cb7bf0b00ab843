package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.TheaterException;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitType.Primitive;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dependencies in the map form ({@code deps/<name>.wit}, {@code deps/<name>/<file>.wit} keys, as a provider's
 * {@code witFiles()} ships them), packages given to the parse, and the rules for names and versions.
 */
@Timeout(30)
class WitDependenciesTest {

    private static final String HINT = " (a dependency goes in deps/<name>/*.wit or deps/<name>.wit)";

    private static Map<String, String> files(String... nameAndText) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            files.put(nameAndText[i], nameAndText[i + 1]);
        }
        return files;
    }

    @Test
    void depsKeysAreDependenciesAndTheRestIsTheRoot() {
        WitResolution r = WitParser.resolve(files(
                "app.wit", "package x:app;\ninterface app { use x:lib/l.{t}; use x:one/o.{u}; f: func(a: t, b: u); }",
                "deps/lib/a.wit", "package x:lib;\ninterface l { use k.{t}; }",
                "deps/lib/b.wit", "interface k { type t = list<u32>; }",
                "deps/one.wit", "package x:one;\ninterface o { type u = option<string>; }",
                "deps/lib/notes.txt", "ignored: not .wit",
                "deps/lib/deps/x/y.wit", "ignored: a dependency has no deps/ of its own"), WitPackages.empty());
        assertThat(r.root().requireInterface("app").function("f").orElseThrow().signature())
                .isEqualTo("func(a: list<u32>, b: option<string>)");
        assertThat(r.dependencies()).extracting(WitPackage::name).containsExactly("x:lib", "x:one");
    }

    @Test
    void theRootNeedsAFileOfItsOwn() {
        assertThatThrownBy(() -> WitParser.parse(files("deps/a.wit", "package x:a;")))
                .isInstanceOf(TheaterException.class)
                .hasMessage("no WIT files to parse outside deps/; the root package needs at least one, found only"
                        + " [deps/a.wit]");
    }

    @Test
    void aVersionedPathNamesAnUnversionedPackageAsTheAbiAllows() {
        WitPackage p = WitParser.parse(files("a.wit",
                "package x:a;\ninterface a { use theater:simple/types@0.1.0.{json}; f: func() -> json; }"),
                TheaterWit.packages());
        assertThat(p.requireInterface("a").types().get("json")).isEqualTo(new WitType.ListOf(Primitive.U8));
    }

    @Test
    void severalVersionsOfAPackageArePickedByTheirVersion() {
        Map<String, String> files = files(
                "a.wit", "package x:a;\ninterface a { use x:v/i@1.0.0.{t as old}; use x:v/i@2.0.0.{t}; f: func(a: old, b: t); }",
                "deps/v1.wit", "package x:v@1.0.0;\ninterface i { type t = u8; }",
                "deps/v2.wit", "package x:v@2.0.0;\ninterface i { type t = string; }");
        assertThat(WitParser.parse(files).requireInterface("a").function("f").orElseThrow().signature())
                .isEqualTo("func(a: u8, b: string)");

        files.put("a.wit", "package x:a;\ninterface a {\n  use x:v/i.{t};\n}");
        assertThatThrownBy(() -> WitParser.parse(files)).isInstanceOf(WitParseException.class)
                .hasMessage("a.wit:3:7: expected a version in 'x:v/i', e.g. 'x:v/i@1.0.0' (there are several packages"
                        + " named 'x:v': [x:v@1.0.0 (declared at deps/v1.wit:1:1), x:v@2.0.0 (declared at"
                        + " deps/v2.wit:1:1)])");

        files.put("a.wit", "package x:a;\ninterface a {\n  use x:v/i@3.0.0.{t};\n}");
        assertThatThrownBy(() -> WitParser.parse(files)).isInstanceOf(WitParseException.class)
                .hasMessage("a.wit:3:7: expected one of the packages [x:v@1.0.0 (declared at deps/v1.wit:1:1),"
                        + " x:v@2.0.0 (declared at deps/v2.wit:1:1)], found 'x:v/i@3.0.0'");
    }

    @Test
    void aVersionThatAGivenPackageDoesNotHave() {
        WitPackage given = WitParser.parse(files("g.wit", "package x:g@1.0.0;\ninterface i { type t = u8; }"));
        assertThatThrownBy(() -> WitParser.parse(files("a.wit", "package x:a;\ninterface a { use x:g/i@1.1.0.{t}; }"),
                WitPackages.of(given)))
                .isInstanceOf(WitParseException.class)
                .hasMessage("a.wit:2:19: expected package 'x:g@1.0.0', found 'x:g/i@1.1.0'");
    }

    @Test
    void aPackageIsReadOnce() {
        assertThatThrownBy(() -> WitParser.parse(files(
                "a.wit", "package x:a;\ninterface a {}",
                "deps/b.wit", "package x:b;\ninterface b {}",
                "deps/c/c.wit", "// a copy\npackage x:b;\ninterface b {}")))
                .isInstanceOf(WitParseException.class)
                .hasMessage("deps/c/c.wit:2:1: duplicate package 'x:b' (the package is already declared at"
                        + " deps/b.wit:1:1)");
        assertThatThrownBy(() -> WitParser.parse(files("a.wit", "package x:a;", "deps/a.wit", "package x:a;")))
                .hasMessage("deps/a.wit:1:1: duplicate package 'x:a' (the package is already declared at a.wit:1:1)");
    }

    @Test
    void aPackageReadHidesAGivenOneOfTheSameNameAndVersion() {
        WitPackage p = WitParser.parse(files(
                "a.wit", "package x:a;\ninterface a { use theater:simple/types.{json}; }",
                "deps/simple.wit", "package theater:simple;\ninterface types { type json = string; }"),
                TheaterWit.packages());
        assertThat(p.requireInterface("a").types().get("json")).isEqualTo(Primitive.STRING);
    }

    @Test
    void theRootMayNameItselfAndADependencyMayUseTheRoot() {
        WitResolution r = WitParser.resolve(files(
                "a.wit", "package x:a@1.0.0;\ninterface a { use x:a/b@1.0.0.{t}; }\ninterface b { type t = u8; }",
                "deps/user.wit", "package x:user;\ninterface u { use x:a/a.{t}; }"), WitPackages.empty());
        assertThat(r.dependencies().getFirst().requireInterface("u").types().get("t")).isEqualTo(Primitive.U8);
    }

    @Test
    void aCycleThroughTheRoot() {
        assertThatThrownBy(() -> WitParser.parse(files(
                "a.wit", "package x:a;\ninterface a { use x:b/b.{t}; type u = u8; }",
                "deps/b.wit", "package x:b;\ninterface b {\n  type t = u8;\n  use x:a/a.{u};\n}")))
                .isInstanceOf(WitParseException.class)
                .hasMessage("deps/b.wit:4:7: package 'x:a' depends on itself: x:a -> x:b -> x:a (packages must not use"
                        + " each other in a cycle)");
    }

    @Test
    void anIncludeOfAnUnknownPackage() {
        assertThatThrownBy(() -> WitParser.parse(files("a.wit", "package x:a;\nworld w {\n  include x:nope/w;\n}"),
                TheaterWit.packages()))
                .isInstanceOf(WitParseException.class)
                .hasMessage("a.wit:3:11: unknown package 'x:nope' in 'x:nope/w'; the known packages are [theater:simple,"
                        + " x:a]" + HINT);
    }

    @Test
    void theDepthLimitHoldsAcrossPackages() {
        String deep = "list<".repeat(64) + "u8" + ">".repeat(64);
        Map<String, String> files = files(
                "a.wit", "package x:a;\ninterface a {\n  use x:d/d.{t};\n  type ok = t;\n  type over = option<t>;\n}",
                "deps/d.wit", "package x:d;\ninterface d { type t = " + deep + "; }");
        assertThatThrownBy(() -> WitParser.parse(files)).isInstanceOf(WitParseException.class)
                .hasMessage("a.wit:5:22: type nests more than 64 levels deep (each list, option, result, tuple, record"
                        + " and variant adds one, and a named type adds its own)");

        WitPackage given = WitParser.parse(files("d.wit", files.get("deps/d.wit")));
        assertThatThrownBy(() -> WitParser.parse(files("a.wit", files.get("a.wit")), WitPackages.of(given)))
                .hasMessage("a.wit:5:22: type nests more than 64 levels deep (each list, option, result, tuple, record"
                        + " and variant adds one, and a named type adds its own)");
    }

    /** Packages are put in order with a stack of their own: a chain of thousands resolves. */
    @Test
    void aLongChainOfPackagesResolvesWithoutRecursion() {
        Map<String, String> files = new LinkedHashMap<>();
        int n = 3_000;
        files.put("a.wit", "package x:a;\ninterface a { use x:p" + (n - 1) + "/i.{t}; f: func(x: t); }");
        files.put("deps/p0.wit", "package x:p0;\ninterface i { type t = option<u8>; }");
        for (int i = 1; i < n; i++) {
            files.put("deps/p" + i + ".wit", "package x:p" + i + ";\ninterface i { use x:p" + (i - 1) + "/i.{t}; }");
        }
        WitResolution r = WitParser.resolve(files, WitPackages.empty());
        assertThat(r.root().requireInterface("a").function("f").orElseThrow().signature())
                .isEqualTo("func(x: option<u8>)");
        assertThat(r.dependencies()).hasSize(n - 1 + 1).first().extracting(WitPackage::name).isEqualTo("x:p0");
    }

    @Test
    void aSetOfPackagesHoldsEachOnceAndFindsByTheParsersRules() {
        WitPackage one = WitParser.parse(files("a.wit", "package x:a@1.0.0;\ninterface i {}"));
        WitPackage two = WitParser.parse(files("a.wit", "package x:a@2.0.0;\ninterface i {}"));
        WitPackages both = WitPackages.of(one, two);
        assertThat(both.find("x:a@2.0.0")).containsSame(two);
        assertThat(both.find("x:a")).isEmpty();
        assertThat(WitPackages.of(one).find("x:a")).containsSame(one);
        assertThat(both.plus(TheaterWit.packages()).findInterface("theater:simple/runtime@0.1.0"))
                .contains(TheaterWit.load().requireInterface("runtime"));
        assertThatThrownBy(() -> WitPackages.of(one, one)).isInstanceOf(TheaterException.class)
                .hasMessage("package 'x:a@1.0.0' is given twice; a set of packages holds one of each name and version");
        assertThat(TheaterWit.packages().all()).containsExactly(TheaterWit.load());
        assertThat(TheaterWit.packages()).isSameAs(TheaterWit.packages());
    }
}
