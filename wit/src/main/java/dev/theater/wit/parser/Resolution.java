package dev.theater.wit.parser;

import dev.theater.wit.WitPackage;
import dev.theater.wit.WitPackages;
import dev.theater.wit.WitResolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses a root package and its dependencies, and resolves them against each other and against packages resolved
 * already: every file is parsed first, then every reference to a package is checked and the packages are put in
 * order (each after the ones it uses, no cycles), then each is resolved in that order.
 */
public final class Resolution {

    private Resolution() {
    }

    /** Resolves {@code sources}; a reference to another package may name one of them or one of {@code available}. */
    public static WitResolution resolve(PackageSources sources, WitPackages available) {
        List<SourcePackage> packages = new ArrayList<>();
        packages.add(parse(sources.root()));
        for (Map<String, String> dep : sources.deps()) {
            packages.add(parse(dep));
        }
        PackageIndex index = new PackageIndex(packages, available);
        List<PackageIndex.Node> order = PackageOrder.of(index);
        List<WitPackage> dependencies = new ArrayList<>();
        PackageIndex.Node root = index.sources().getFirst();
        for (PackageIndex.Node node : order) {
            node.resolved = PackageResolver.resolve(index, node);
            if (node != root) {
                dependencies.add(node.resolved);
            }
        }
        return new WitResolution(root.resolved, dependencies);
    }

    private static SourcePackage parse(Map<String, String> files) {
        List<Ast.File> parsed = new ArrayList<>();
        files.forEach((name, text) -> parsed.add(Parser.parse(name, text)));
        return new SourcePackage(parsed);
    }
}
