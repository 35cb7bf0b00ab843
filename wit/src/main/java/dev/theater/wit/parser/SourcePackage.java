package dev.theater.wit.parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed files of one package, before names are resolved: its declaration, and its interfaces and worlds
 * collected across files (a name declared twice is refused here).
 */
final class SourcePackage {

    final Ast.PackageDecl decl;
    final List<Ast.File> files;
    final Map<String, Scope> interfaces = new LinkedHashMap<>();
    final Map<String, Ast.WorldDecl> worlds = new LinkedHashMap<>();
    private final Map<String, Pos> declared = new HashMap<>();

    SourcePackage(List<Ast.File> files) {
        this.files = List.copyOf(files);
        this.decl = packageOf(files);
        for (Ast.File f : files) {
            for (Ast.InterfaceDecl i : f.interfaces()) {
                declare("interface", i.name(), i.pos());
                interfaces.put(i.name(), new Scope("interface", i.name(), i.docs(), i.pos(), i.items()));
            }
            for (Ast.WorldDecl w : f.worlds()) {
                declare("world", w.name(), w.pos());
                worlds.put(w.name(), w);
            }
        }
    }

    private static Ast.PackageDecl packageOf(List<Ast.File> files) {
        Ast.PackageDecl first = null;
        for (Ast.File f : files) {
            if (f.pkg().isEmpty()) {
                continue;
            }
            Ast.PackageDecl d = f.pkg().get();
            if (first == null) {
                first = d;
            } else if (!first.full().equals(d.full())) {
                throw d.pos().error("expected 'package " + first.full() + ";' as declared at " + first.pos()
                        + " (all files of a package declare the same package or none), found 'package " + d.full() + ";'");
            }
        }
        if (first == null) {
            throw new Pos(files.getFirst().name(), 1, 1).error(
                    "expected a 'package ns:name;' declaration in at least one file of the package, found none");
        }
        return first;
    }

    private void declare(String kind, String name, Pos pos) {
        Pos first = declared.putIfAbsent(name, pos);
        if (first != null) {
            throw pos.error("duplicate " + kind + " name '" + name + "' (the name is already declared at " + first + ")");
        }
    }

    /**
     * Every reference that names a package ({@code use ns:pkg/iface.{...}}, {@code import ns:pkg/iface;},
     * {@code include ns:pkg/world;}), in file order; references to this package's own name are included.
     */
    List<Ast.UsePath> packageReferences() {
        List<Ast.UsePath> out = new ArrayList<>();
        for (Ast.File f : files) {
            for (Ast.InterfaceDecl i : f.interfaces()) {
                items(i.items(), out);
            }
            for (Ast.WorldDecl w : f.worlds()) {
                items(w.items(), out);
                for (Ast.WorldExtern e : w.externs()) {
                    e.path().ifPresent(p -> add(p, out));
                    e.inline().ifPresent(inline -> items(inline.items(), out));
                }
                w.includes().forEach(inc -> add(inc.world(), out));
            }
        }
        return out;
    }

    private static void items(List<Ast.Item> items, List<Ast.UsePath> out) {
        for (Ast.Item item : items) {
            if (item instanceof Ast.Use u) {
                add(u.path(), out);
            }
        }
    }

    private static void add(Ast.UsePath path, List<Ast.UsePath> out) {
        if (path.packageId().isPresent()) {
            out.add(path);
        }
    }

    @Override
    public String toString() {
        return decl.full();
    }
}
