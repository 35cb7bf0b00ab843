package dev.theater.wit.parser;

import dev.theater.api.TheaterException;
import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitParser;
import dev.theater.wit.WitWorld;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * Assembles parsed files into one package: checks the package declarations, collects interfaces and worlds
 * across files, then resolves them (types first may be used before they are declared, in any file).
 */
public final class PackageResolver {

    private final Ast.PackageDecl pkg;
    private final Map<String, Scope> interfaces = new LinkedHashMap<>();
    private final Map<String, Ast.WorldDecl> worlds = new LinkedHashMap<>();
    private final Map<String, Pos> declared = new HashMap<>();
    private final TypeResolver types;
    private final Map<String, WitInterface> resolvedInterfaces = new LinkedHashMap<>();
    private final Map<String, WitWorld> resolvedWorlds = new LinkedHashMap<>();
    private final SequencedSet<String> worldsInProgress = new LinkedHashSet<>();

    private PackageResolver(List<Ast.File> files) {
        this.pkg = packageOf(files);
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
        this.types = new TypeResolver(pkg.id(), pkg.version(), interfaces);
    }

    /** Parses and resolves {@code files} (name to text) as one package. */
    public static WitPackage resolve(Map<String, String> files) {
        if (files.isEmpty()) {
            throw new TheaterException(TheaterException.Phase.WIT, "no WIT files to parse");
        }
        List<Ast.File> parsed = new ArrayList<>();
        files.forEach((name, text) -> parsed.add(Parser.parse(name, text)));
        return new PackageResolver(parsed).run();
    }

    private WitPackage run() {
        for (Scope s : interfaces.values()) {
            resolvedInterfaces.put(s.name, iface(s, s.name));
        }
        for (Ast.WorldDecl w : worlds.values()) {
            world(w);
        }
        return new WitPackage(pkg.id(), pkg.version(), resolvedInterfaces, resolvedWorlds);
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

    private WitInterface iface(Scope s, String name) {
        return new WitInterface(pkg.id(), pkg.version(), name, types.types(s), types.functions(s), s.docs);
    }

    private WitWorld world(Ast.WorldDecl w) {
        WitWorld known = resolvedWorlds.get(w.name());
        if (known != null) {
            return known;
        }
        if (!worldsInProgress.add(w.name())) {
            throw w.pos().error("world '" + w.name() + "' includes itself");
        }
        Scope scope = new Scope("world", w.name(), w.docs(), w.pos(), w.items());
        types.types(scope);
        Direction imports = new Direction("import", w.name());
        Direction exports = new Direction("export", w.name());
        for (Ast.WorldExtern e : w.externs()) {
            Direction d = e.isImport() ? imports : exports;
            if (e.path().isPresent()) {
                Scope target = types.interfaceScope(e.path().get());
                d.addInterface(resolvedInterfaces.get(target.name), e.pos(), false);
            } else if (e.inline().isPresent()) {
                Ast.InterfaceDecl decl = e.inline().get();
                Scope inline = new Scope("interface", decl.name(), decl.docs(), decl.pos(), decl.items());
                d.addInterface(iface(inline, decl.name()), e.pos(), false);
            } else {
                Ast.Func f = e.func().orElseThrow();
                d.addFunction(types.function(scope, f), e.pos());
            }
        }
        for (Ast.Include inc : w.includes()) {
            types.checkPackage(inc.world());
            Ast.WorldDecl other = worlds.get(inc.world().name());
            if (other == null) {
                throw inc.world().pos().error("unknown world '" + inc.world().name() + "'; expected one of " + worlds.keySet());
            }
            if (!resolvedWorlds.containsKey(other.name()) && worldsInProgress.size() > WitParser.MAX_INCLUDE_DEPTH) {
                throw inc.world().pos().error("includes nest more than " + WitParser.MAX_INCLUDE_DEPTH
                        + " levels deep (from world '" + worldsInProgress.getFirst() + "' down to '" + w.name() + "')");
            }
            WitWorld included = world(other);
            included.imports().forEach(i -> imports.addInterface(i, inc.pos(), true));
            included.exports().forEach(i -> exports.addInterface(i, inc.pos(), true));
            included.importedFunctions().values().forEach(f -> imports.addFunction(f, inc.pos()));
            included.exportedFunctions().values().forEach(f -> exports.addFunction(f, inc.pos()));
        }
        worldsInProgress.remove(w.name());
        WitWorld out = new WitWorld(w.name(), imports.interfaces, exports.interfaces, imports.functions, exports.functions,
                w.docs());
        resolvedWorlds.put(w.name(), out);
        return out;
    }

    /** The imports or the exports of a world being built, rejecting duplicate names. */
    private static final class Direction {
        final String kind;
        final String world;
        final List<WitInterface> interfaces = new ArrayList<>();
        final Map<String, WitFunction> functions = new LinkedHashMap<>();
        final Map<String, Pos> names = new HashMap<>();

        Direction(String kind, String world) {
            this.kind = kind;
            this.world = world;
        }

        void addInterface(WitInterface i, Pos pos, boolean merge) {
            if (merge && interfaces.stream().anyMatch(x -> x.equals(i))) {
                return;
            }
            claim(i.name(), pos);
            interfaces.add(i);
        }

        void addFunction(WitFunction f, Pos pos) {
            claim(f.name(), pos);
            functions.put(f.name(), f);
        }

        private void claim(String name, Pos pos) {
            Pos first = names.putIfAbsent(name, pos);
            if (first != null) {
                throw pos.error("duplicate " + kind + " '" + name + "' in world '" + world + "' (first at " + first + ")");
            }
        }
    }
}
