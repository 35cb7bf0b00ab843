package dev.theater.wit.parser;

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
 * Resolves one package read from source: its interfaces, then its worlds. Its types may be used before they are
 * declared, in any file; what it uses of other packages is resolved already ({@link PackageOrder}).
 */
final class PackageResolver {

    private final PackageIndex.Node self;
    private final SourcePackage source;
    private final TypeResolver types;
    private final Map<String, WitInterface> resolvedInterfaces = new LinkedHashMap<>();
    private final Map<String, WitWorld> resolvedWorlds = new LinkedHashMap<>();
    private final SequencedSet<String> worldsInProgress = new LinkedHashSet<>();

    private PackageResolver(PackageIndex index, PackageIndex.Node self) {
        this.self = self;
        this.source = self.source;
        this.types = new TypeResolver(index, self);
    }

    /** Resolves {@code self}, a package of {@code index} read from source. */
    static WitPackage resolve(PackageIndex index, PackageIndex.Node self) {
        return new PackageResolver(index, self).run();
    }

    private WitPackage run() {
        for (Scope s : source.interfaces.values()) {
            resolvedInterfaces.put(s.name, iface(s, s.name));
        }
        for (Ast.WorldDecl w : source.worlds.values()) {
            world(w);
        }
        return new WitPackage(self.name, self.version, resolvedInterfaces, resolvedWorlds);
    }

    private WitInterface iface(Scope s, String name) {
        return new WitInterface(self.name, self.version, name, types.types(s), types.functions(s), s.docs);
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
                WitInterface target = switch (types.interfaceTarget(e.path().get())) {
                    case TypeResolver.Local local -> resolvedInterfaces.get(local.scope().name);
                    case TypeResolver.Foreign foreign -> foreign.iface();
                };
                d.addInterface(target, e.pos(), false);
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
            WitWorld included = included(inc, w);
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

    /** The world an {@code include} names: one of this package (resolved now, if need be) or of another package. */
    private WitWorld included(Ast.Include inc, Ast.WorldDecl into) {
        Ast.UsePath path = inc.world();
        PackageIndex.Node pkg = types.packageOf(path);
        if (pkg != self) {
            WitWorld other = pkg.resolved.worlds().get(path.name());
            if (other == null) {
                throw path.pos().error("unknown world '" + path.name() + "' in package '" + pkg.full()
                        + "'; expected one of " + pkg.resolved.worlds().keySet());
            }
            return other;
        }
        Ast.WorldDecl other = source.worlds.get(path.name());
        if (other == null) {
            throw path.pos().error("unknown world '" + path.name() + "'; expected one of " + source.worlds.keySet());
        }
        if (!resolvedWorlds.containsKey(other.name()) && worldsInProgress.size() > WitParser.MAX_INCLUDE_DEPTH) {
            throw path.pos().error("includes nest more than " + WitParser.MAX_INCLUDE_DEPTH
                    + " levels deep (from world '" + worldsInProgress.getFirst() + "' down to '" + into.name() + "')");
        }
        return world(other);
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
