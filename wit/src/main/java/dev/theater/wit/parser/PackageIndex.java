package dev.theater.wit.parser;

import dev.theater.wit.WitPackage;
import dev.theater.wit.WitPackages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The packages one parse can name: those read from source (the root and its {@code deps/}) and those resolved
 * already ({@link WitPackages} handed in, such as the bundled {@code theater:simple}). A package read from source
 * hides an available package of the same name and version. {@link #select} says which package a reference names.
 */
final class PackageIndex {

    /** A package a reference can name. */
    static final class Node {
        final String name;
        final Optional<String> version;
        /** Where it is declared; empty for a package resolved before this parse. */
        final Optional<Pos> declaredAt;
        /** Its source; null for a package resolved before this parse. */
        final SourcePackage source;
        /** Its resolved form: set from the start for an available package, once resolved for a source one. */
        WitPackage resolved;

        private Node(String name, Optional<String> version, Optional<Pos> declaredAt, SourcePackage source,
                     WitPackage resolved) {
            this.name = name;
            this.version = version;
            this.declaredAt = declaredAt;
            this.source = source;
            this.resolved = resolved;
        }

        String full() {
            return name + version.map(v -> "@" + v).orElse("");
        }

        String described() {
            return full() + declaredAt.map(p -> " (declared at " + p + ")").orElse("");
        }

        @Override
        public String toString() {
            return full();
        }
    }

    private final List<Node> sources = new ArrayList<>();
    /** Every package a reference can name, by name (without version), in the order given. */
    private final Map<String, List<Node>> byName = new HashMap<>();

    /** The first of {@code packages} is the root; duplicates (same name and version) are refused. */
    PackageIndex(List<SourcePackage> packages, WitPackages available) {
        Map<String, Node> byFull = new HashMap<>();
        for (SourcePackage p : packages) {
            Ast.PackageDecl d = p.decl;
            Node n = new Node(d.id(), d.version(), Optional.of(d.pos()), p, null);
            Node known = byFull.putIfAbsent(n.full(), n);
            if (known != null) {
                throw d.pos().error("duplicate package '" + d.full() + "' (the package is already declared at "
                        + known.declaredAt.orElseThrow() + ")");
            }
            sources.add(n);
            byName.computeIfAbsent(n.name, k -> new ArrayList<>()).add(n);
        }
        for (WitPackage p : available.all()) {
            Node n = new Node(p.name(), p.version(), Optional.empty(), null, p);
            if (byFull.putIfAbsent(n.full(), n) == null) {
                byName.computeIfAbsent(n.name, k -> new ArrayList<>()).add(n);
            }
        }
    }

    /** The packages read from source, the root first. */
    List<Node> sources() {
        return sources;
    }

    /**
     * The package {@code path} (which names a package) refers to, seen from {@code from}: {@code from} itself when the
     * name is its own and the versions do not disagree; otherwise the one package of that name, where a version in
     * the path must be the package's own (a path's version is accepted for a package that declares none, as the
     * canonical ABI's import names do).
     */
    Node select(Node from, Ast.UsePath path) {
        String name = path.packageId().orElseThrow();
        Optional<String> version = path.version();
        if (name.equals(from.name) && compatible(version, from.version)) {
            return from;
        }
        List<Node> named = byName.getOrDefault(name, List.of());
        if (named.isEmpty()) {
            throw path.pos().error("unknown package '" + name + "' in '" + path.show() + "'; the known packages are "
                    + byName.values().stream().flatMap(List::stream).map(Node::full).sorted().toList()
                    + " (a dependency goes in deps/<name>/*.wit or deps/<name>.wit)");
        }
        if (version.isPresent()) {
            Optional<Node> exact = named.stream().filter(n -> n.version.equals(version)).findFirst();
            List<Node> unversioned = named.stream().filter(n -> n.version.isEmpty()).toList();
            if (exact.isPresent()) {
                return exact.get();
            }
            if (unversioned.size() == 1) {
                return unversioned.getFirst();
            }
            throw path.pos().error((named.size() == 1 ? "expected package '" + named.getFirst().full() + "'"
                    + named.getFirst().declaredAt.map(p -> " (declared at " + p + ")").orElse("")
                    : "expected one of the packages " + listed(named)) + ", found '" + path.show() + "'");
        }
        if (named.size() > 1) {
            Node first = named.stream().filter(n -> n.version.isPresent()).findFirst().orElseThrow();
            throw path.pos().error("expected a version in '" + path.show() + "', e.g. '" + name + "/" + path.name() + "@"
                    + first.version.orElseThrow() + "' (there are several packages named '" + name + "': "
                    + listed(named) + ")");
        }
        return named.getFirst();
    }

    private static boolean compatible(Optional<String> asked, Optional<String> declared) {
        return asked.isEmpty() || declared.isEmpty() || asked.equals(declared);
    }

    private static String listed(List<Node> nodes) {
        return nodes.stream().sorted(Comparator.comparing(Node::full)).map(Node::described).toList().toString();
    }
}
