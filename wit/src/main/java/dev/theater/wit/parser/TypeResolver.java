package dev.theater.wit.parser;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves names in scopes to {@link WitType}s: follows {@code use} across interfaces, removes aliases, checks
 * for unknown names, duplicates and cycles. Types may be used before they are declared.
 */
final class TypeResolver {

    private final String packageId;
    private final Optional<String> version;
    private final Map<String, Scope> interfaces;
    private final Map<String, WitType> done = new HashMap<>();
    /** The entries being resolved, in order, to report cycles. */
    private final LinkedHashMap<String, String> inProgress = new LinkedHashMap<>();

    TypeResolver(String packageId, Optional<String> version, Map<String, Scope> interfaces) {
        this.packageId = packageId;
        this.version = version;
        this.interfaces = interfaces;
    }

    /** Every type name of the scope (definitions and uses) with its resolved type, in declaration order. */
    Map<String, WitType> types(Scope scope) {
        Map<String, WitType> out = new LinkedHashMap<>();
        for (String name : scope.typeNames()) {
            out.put(name, entry(scope, name, scope.entries.get(name)));
        }
        return out;
    }

    /** Every function of the scope, resolved, in declaration order. */
    Map<String, WitFunction> functions(Scope scope) {
        Map<String, WitFunction> out = new LinkedHashMap<>();
        for (Scope.Entry e : scope.entries.values()) {
            if (e instanceof Scope.FuncEntry(Ast.Func f)) {
                out.put(f.name(), function(scope, f));
            }
        }
        return out;
    }

    WitFunction function(Scope scope, Ast.Func f) {
        List<WitFunction.Param> params = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Ast.Named p : f.params()) {
            if (!seen.add(p.name())) {
                throw p.pos().error("duplicate parameter '" + p.name() + "' in function '" + f.name() + "'");
            }
            params.add(new WitFunction.Param(p.name(), type(scope, p.type())));
        }
        return new WitFunction(f.name(), params, f.result().map(r -> type(scope, r)), f.docs());
    }

    /** The interface a {@code use} or world item names, checking the package part. */
    Scope interfaceScope(Ast.UsePath path) {
        checkPackage(path);
        Scope s = interfaces.get(path.name());
        if (s == null) {
            throw path.pos().error("unknown interface '" + path.name() + "'; expected one of " + interfaces.keySet());
        }
        return s;
    }

    /** Rejects a {@code ns:pkg/name} path of another package (or version) than this one. */
    void checkPackage(Ast.UsePath path) {
        if (path.packageId().isPresent()) {
            String pkg = path.packageId().get();
            boolean versionOk = path.version().isEmpty() || version.isEmpty() || path.version().equals(version);
            if (!pkg.equals(packageId) || !versionOk) {
                throw path.pos().error("expected an interface of package '" + packageId + version.map(v -> "@" + v).orElse("")
                        + "', found '" + path.show() + "' (other packages are not supported)");
            }
        }
    }

    WitType type(Scope scope, Ast.TypeRef ref) {
        return switch (ref) {
            case Ast.Prim p -> WitType.Primitive.byWitName(p.name()).orElseThrow();
            case Ast.ListRef l -> new WitType.ListOf(type(scope, l.element()));
            case Ast.OptionRef o -> new WitType.OptionOf(type(scope, o.some()));
            case Ast.ResultRef r -> new WitType.Result(r.ok().map(t -> type(scope, t)), r.err().map(t -> type(scope, t)));
            case Ast.TupleRef t -> new WitType.Tuple(t.elements().stream().map(e -> type(scope, e)).toList());
            case Ast.NamedRef n -> {
                Scope.Entry e = scope.entries.get(n.name());
                if (e == null) {
                    throw n.pos().error("unknown type '" + n.name() + "' in " + scope + "; expected a built-in type or one of "
                            + scope.typeNames());
                }
                if (e instanceof Scope.FuncEntry) {
                    throw n.pos().error("expected a type, found function '" + n.name() + "' of " + scope);
                }
                yield entry(scope, n.name(), e);
            }
        };
    }

    private WitType entry(Scope scope, String name, Scope.Entry e) {
        String key = scope.kind + " " + scope.name + "/" + name;
        WitType known = done.get(key);
        if (known != null) {
            return known;
        }
        if (inProgress.containsKey(key)) {
            List<String> chain = new ArrayList<>();
            boolean on = false;
            for (Map.Entry<String, String> p : inProgress.entrySet()) {
                on |= p.getKey().equals(key);
                if (on) {
                    chain.add(p.getValue());
                }
            }
            chain.add(name);
            throw e.pos().error("type '" + name + "' refers to itself: " + String.join(" -> ", chain));
        }
        inProgress.put(key, name);
        WitType t = switch (e) {
            case Scope.UseEntry(Ast.Use use, Ast.UseName un) -> used(use, un);
            case Scope.TypeEntry(Ast.TypeDef def) -> definition(scope, def);
            case Scope.FuncEntry f -> throw f.pos().error("expected a type, found function '" + name + "'");
        };
        inProgress.remove(key);
        done.put(key, t);
        return t;
    }

    private WitType used(Ast.Use use, Ast.UseName un) {
        Scope target = interfaceScope(use.path());
        Scope.Entry e = target.entries.get(un.name());
        if (e == null || e instanceof Scope.FuncEntry) {
            throw un.pos().error("expected a type of " + target + ", found '" + un.name() + "'; it has " + target.typeNames());
        }
        return entry(target, un.name(), e);
    }

    private WitType definition(Scope scope, Ast.TypeDef def) {
        return switch (def) {
            case Ast.Alias a -> type(scope, a.target());
            case Ast.Record r -> new WitType.Record(r.name(), checked(r.fields(), "field", def,
                    f -> new WitType.Field(f.name(), type(scope, f.type()))));
            case Ast.Variant v -> new WitType.Variant(v.name(), checked(v.cases(), "case", def,
                    c -> new WitType.Case(c.name(), c.payload().map(p -> type(scope, p)))));
            case Ast.Enum en -> new WitType.Enum(en.name(), checked(en.cases(), "case", def, Ast.Named::name));
            case Ast.Flags fl -> {
                if (fl.flags().size() > 32) {
                    throw fl.pos().error("flags '" + fl.name() + "' has " + fl.flags().size()
                            + " flags; at most 32 are supported");
                }
                yield new WitType.Flags(fl.name(), checked(fl.flags(), "flag", def, Ast.Named::name));
            }
        };
    }

    /** Maps members, rejecting an empty list and duplicate names. */
    private <M, R> List<R> checked(List<M> members, String what, Ast.TypeDef def, Function<M, R> map) {
        String kind = def.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        if (members.isEmpty()) {
            throw def.pos().error("expected at least one " + what + " in " + kind + " '" + def.name() + "'");
        }
        Set<String> seen = new HashSet<>();
        List<R> out = new ArrayList<>();
        for (M m : members) {
            String n = m instanceof Ast.Named nm ? nm.name() : ((Ast.VariantCase) m).name();
            Pos p = m instanceof Ast.Named nm ? nm.pos() : ((Ast.VariantCase) m).pos();
            if (!seen.add(n)) {
                throw p.error("duplicate " + what + " '" + n + "' in " + kind + " '" + def.name() + "'");
            }
            out.add(map.apply(m));
        }
        return out;
    }
}
