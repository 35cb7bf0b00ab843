package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitType.Primitive;
import dev.theater.testing.fuzz.SeedFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real WIT folders ({@code wit/src/test/resources/wit-folders/}): a root package with a {@code deps/} folder (a folder
 * package and a single-file package, one using the other), using theater:simple types and worlds, and one malformed
 * folder per way a reference to another package can fail.
 */
class WitFolderTest {

    private static final Path FOLDERS = SeedFiles.root().resolve("wit/src/test/resources/wit-folders");
    private static final Path SHOP = FOLDERS.resolve("shop");
    private static final WitType.Record AMOUNT = new WitType.Record("amount", List.of(
            new WitType.Field("cents", Primitive.U64),
            new WitType.Field("currency", new WitType.Enum("currency", List.of("eur", "usd", "chf")))));
    private static final WitType.Record ORDER = new WitType.Record("order", List.of(
            new WitType.Field("id", Primitive.STRING),
            new WitType.Field("total", AMOUNT),
            new WitType.Field("lines", new WitType.ListOf(new WitType.Tuple(List.of(Primitive.STRING, AMOUNT))))));

    private static WitResolution shop() {
        return WitParser.parseFolder(SHOP, TheaterWit.packages());
    }

    @Test
    void foreignTypesAreResolvedIntoTheRootsInterfacesAndKeepTheirNames() {
        WitPackage root = shop().root();
        assertThat(root.name()).isEqualTo("example:shop");
        assertThat(root.version()).contains("0.2.0");
        WitInterface orders = root.requireInterface("orders");
        assertThat(orders.types()).containsOnlyKeys("json", "actor-id", "order-id", "order", "price");
        assertThat(orders.types().get("json")).isEqualTo(new WitType.ListOf(Primitive.U8));
        assertThat(orders.types().get("actor-id")).isEqualTo(Primitive.STRING);
        assertThat(orders.types().get("order")).isEqualTo(ORDER);
        assertThat(orders.types().get("price")).isEqualTo(AMOUNT);
        assertThat(orders.function("place").orElseThrow().signature())
                .isEqualTo("func(who: string, details: list<u8>) -> result<string, string>");
        assertThat(orders.function("quote").orElseThrow().signature()).isEqualTo("func(order: order) -> amount");
        assertThat(orders.function("history").orElseThrow().signature()).isEqualTo("func() -> list<order>");
        assertThat(orders.qualifiedName()).isEqualTo("example:shop/orders");
    }

    @Test
    void theDependenciesAreReachableEachAfterThePackagesItUses() {
        WitResolution shop = shop();
        assertThat(shop.dependencies()).extracting(WitPackage::name).containsExactly("example:money", "example:shared");
        WitPackages read = shop.packages();
        assertThat(read.all()).extracting(WitPackage::name)
                .containsExactly("example:money", "example:shared", "example:shop");
        WitInterface ids = read.findInterface("example:shared/ids@1.0.0").orElseThrow();
        assertThat(ids.version()).contains("1.0.0");
        assertThat(ids.types().get("order")).isEqualTo(ORDER);
        assertThat(read.findInterface("example:shared/ids")).contains(ids);
        assertThat(read.findInterface("example:shared/ids@9.0.0")).isEmpty();
        assertThat(read.find("example:money").orElseThrow().requireInterface("money").function("add").orElseThrow()
                .signature()).isEqualTo("func(a: amount, b: amount) -> result<amount, string>");
        assertThat(read.find("theater:simple")).isEmpty(); // given to the parse, not read by it
    }

    @Test
    void worldsImportAndIncludeInterfacesAndWorldsOfOtherPackages() {
        WitResolution shop = shop();
        WitWorld world = shop.root().requireWorld("shop");
        WitPackage simple = TheaterWit.load();
        WitPackage shared = shop.packages().find("example:shared").orElseThrow();
        // the world's own imports first, then those of the worlds it includes
        assertThat(world.imports()).extracting(WitInterface::qualifiedName).containsExactly("theater:simple/timing",
                "example:shop/orders", "theater:simple/runtime", "example:shared/ids", "example:money/money");
        assertThat(world.imported("timing")).containsSame(simple.requireInterface("timing"));
        assertThat(world.imported("runtime")).containsSame(simple.requireInterface("runtime"));
        assertThat(world.imported("ids")).containsSame(shared.requireInterface("ids"));
        assertThat(world.imported("orders")).containsSame(shop.root().requireInterface("orders"));
        assertThat(world.exports()).extracting(WitInterface::qualifiedName)
                .containsExactly("theater:simple/message-server-client", "theater:simple/actor");
        assertThat(world.docs()).isEqualTo("A shop actor: theater:simple's basic actor, the shared ledger, and its own"
                + " orders.");
    }

    /** {@code parseDirectory} reads {@code deps/} too, and uses no package it is not given: here, theater:simple. */
    @Test
    void parseDirectoryReadsTheDepsFolderButIsGivenNoOtherPackage() {
        assertThatThrownBy(() -> WitParser.parseDirectory(SHOP)).isInstanceOf(WitParseException.class)
                .hasMessage(SHOP.resolve("shop.wit") + ":5:9: unknown package 'theater:simple' in"
                        + " 'theater:simple/types@0.1.0'; the known packages are [example:money, example:shared@1.0.0,"
                        + " example:shop@0.2.0] (a dependency goes in deps/<name>/*.wit or deps/<name>.wit)");
    }

    private static void refused(String folder, String file, String where, String detail) {
        Path dir = FOLDERS.resolve("bad").resolve(folder);
        assertThatThrownBy(() -> WitParser.parseFolder(dir, TheaterWit.packages()))
                .isInstanceOfSatisfying(WitParseException.class, e -> {
                    assertThat(e.phase()).isEqualTo(dev.theater.api.TheaterException.Phase.WIT);
                    assertThat(e.file()).isEqualTo(dir.resolve(file).toString());
                })
                .hasMessage(dir.resolve(file) + ":" + where + ": " + detail);
    }

    @Test
    void aDependencyWhoseOwnDependencyIsMissing() {
        refused("missing-dependency", "deps/shared/ids.wit", "4:9", "unknown package 'example:money' in"
                + " 'example:money/money'; the known packages are [example:app, example:shared, theater:simple]"
                + " (a dependency goes in deps/<name>/*.wit or deps/<name>.wit)");
    }

    @Test
    void aWorldImportOfAnUnknownPackage() {
        refused("unknown-package", "app.wit", "5:12", "unknown package 'wasi:clocks' in 'wasi:clocks/wall-clock@0.2.0';"
                + " the known packages are [example:app, theater:simple] (a dependency goes in deps/<name>/*.wit or"
                + " deps/<name>.wit)");
    }

    @Test
    void anUnknownInterfaceOfAKnownPackage() {
        refused("unknown-interface", "app.wit", "4:9", "unknown interface 'moeny' in package 'example:money'; expected"
                + " one of [money]");
    }

    @Test
    void anUnknownTypeOfAKnownInterface() {
        refused("unknown-type", "app.wit", "4:38", "expected a type of interface 'example:money/money', found 'cents';"
                + " it has [amount]");
    }

    @Test
    void anUnknownWorldOfAKnownPackage() {
        refused("unknown-world", "app.wit", "4:13", "unknown world 'wallet' in package 'example:money'; expected one"
                + " of []");
    }

    @Test
    void aDependencyCycleBetweenPackages() {
        refused("cycle", "deps/b/b.wit", "5:9", "package 'example:a' depends on itself: example:a -> example:b ->"
                + " example:a (packages must not use each other in a cycle)");
    }

    @Test
    void aVersionThatNoPackageHas() {
        Path money = FOLDERS.resolve("bad/version-mismatch/deps/money.wit");
        refused("version-mismatch", "app.wit", "4:9", "expected package 'example:money@1.0.0' (declared at " + money
                + ":1:1), found 'example:money/money@2.0.0'");
    }
}
