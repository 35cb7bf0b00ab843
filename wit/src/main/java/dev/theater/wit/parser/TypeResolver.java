package dev.theater.wit.parser;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.wit.WitParseException;
import dev.theater.wit.WitParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Resolves names in the scopes of one package to {@link WitType}s: follows {@code use} across interfaces (of this
 * package, or of another one resolved already), removes aliases, checks for unknown names, duplicates and cycles.
 * Types may be used before they are declared.
 */
final class TypeResolver {

    private final PackageIndex index;
    private final PackageIndex.Node self;
    private final Map<String, Scope> interfaces;
    private final Map<String, Typed> done = new HashMap<>();
    /** The entries being resolved, in order, to report cycles. */
    private final LinkedHashMap<String, String> inProgress = new LinkedHashMap<>();
    /** The heights of types of other packages, by identity (a resolved type shares its parts). */
    private final Map<WitType, Integer> foreignHeights = new IdentityHashMap<>();

    /** Resolves the package {@code self}, whose references to other packages {@code index} answers. */
    TypeResolver(PackageIndex index, PackageIndex.Node self) {
        this.index = index;
        this.self = self;
        this.interfaces = self.source.interfaces;
    }

    /** Every type name of the scope (definitions and uses) with its resolved type, in declaration order. */
    Map<String, WitType> types(Scope scope) {
        Map<String, WitType> out = new LinkedHashMap<>();
        for (String name : scope.typeNames()) {
            out.put(name, entry(scope, name, scope.entries.get(name), 0).type());
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

    /** What a path to an interface names: an interface of this package, or one of a package resolved already. */
    sealed interface Target {}

    /** An interface of the package being resolved. */
    record Local(Scope scope) implements Target {}

    /** An interface of another package, resolved already. */
    record Foreign(PackageIndex.Node pkg, WitInterface iface) implements Target {
        String show() {
            return pkg.full() + "/" + iface.name();
        }
    }

    /** The interface a {@code use} or world item names: {@code name} here, or {@code ns:pkg/name} of any package. */
    Target interfaceTarget(Ast.UsePath path) {
        PackageIndex.Node pkg = packageOf(path);
        if (pkg == self) {
            Scope s = interfaces.get(path.name());
            if (s == null) {
                throw path.pos().error("unknown interface '" + path.name() + "'; expected one of " + interfaces.keySet());
            }
            return new Local(s);
        }
        WitInterface i = pkg.resolved.interfaces().get(path.name());
        if (i == null) {
            throw path.pos().error("unknown interface '" + path.name() + "' in package '" + pkg.full()
                    + "'; expected one of " + pkg.resolved.interfaces().keySet());
        }
        return new Foreign(pkg, i);
    }

    /**
     * The package a path names: this one when it names none. Another package read from source is resolved before
     * this one ({@link PackageOrder}), so its {@link PackageIndex.Node#resolved} is set.
     */
    PackageIndex.Node packageOf(Ast.UsePath path) {
        return path.packageId().isEmpty() ? self : index.select(self, path);
    }

    WitType type(Scope scope, Ast.TypeRef ref) {
        return resolve(scope, ref, 0).type();
    }

    /** A resolved type and its height: how many levels of list, option, result, tuple, record and variant it nests. */
    private record Typed(WitType type, int height) {}

    /**
     * Resolves {@code ref}, found {@code depth} levels below the type being resolved; the depth is carried into the
     * named types it uses, so that the recursion is as deep as the type and stops at {@link WitParser#MAX_TYPE_DEPTH}.
     */
    private Typed resolve(Scope scope, Ast.TypeRef ref, int depth) {
        return switch (ref) {
            case Ast.Prim p -> new Typed(WitType.Primitive.byWitName(p.name()).orElseThrow(), 0);
            case Ast.ListRef l -> {
                Typed e = resolve(scope, l.element(), nest(depth, l.pos()));
                yield new Typed(new WitType.ListOf(e.type()), e.height() + 1);
            }
            case Ast.OptionRef o -> {
                Typed e = resolve(scope, o.some(), nest(depth, o.pos()));
                yield new Typed(new WitType.OptionOf(e.type()), e.height() + 1);
            }
            case Ast.ResultRef r -> {
                int inner = nest(depth, r.pos());
                Optional<Typed> ok = r.ok().map(t -> resolve(scope, t, inner));
                Optional<Typed> err = r.err().map(t -> resolve(scope, t, inner));
                int height = 1 + Math.max(ok.map(Typed::height).orElse(0), err.map(Typed::height).orElse(0));
                yield new Typed(new WitType.Result(ok.map(Typed::type), err.map(Typed::type)), height);
            }
            case Ast.TupleRef t -> {
                int inner = nest(depth, t.pos());
                List<WitType> elements = new ArrayList<>();
                int height = 0;
                for (Ast.TypeRef e : t.elements()) {
                    Typed typed = resolve(scope, e, inner);
                    elements.add(typed.type());
                    height = Math.max(height, typed.height());
                }
                yield new Typed(new WitType.Tuple(elements), height + 1);
            }
            case Ast.NamedRef n -> {
                Typed t = entry(scope, n.name(), lookup(scope, n), depth);
                if (depth + t.height() > WitParser.MAX_TYPE_DEPTH) {
                    throw n.pos().error(tooDeep());
                }
                yield t;
            }
        };
    }

    /** The depth of what a type constructor at {@code depth} holds, if that is within the limit. */
    private static int nest(int depth, Pos pos) {
        if (depth + 1 > WitParser.MAX_TYPE_DEPTH) {
            throw pos.error(tooDeep());
        }
        return depth + 1;
    }

    /** The message for a type nested past the limit, the same from the parser and from here. */
    public static String tooDeep() {
        return "type nests more than " + WitParser.MAX_TYPE_DEPTH + " levels deep (each list, option, result, tuple,"
                + " record and variant adds one, and a named type adds its own)";
    }

    /** The entry a named reference denotes, if it is a type. */
    private static Scope.Entry lookup(Scope scope, Ast.NamedRef n) {
        Scope.Entry e = scope.entries.get(n.name());
        if (e == null) {
            throw n.pos().error("unknown type '" + n.name() + "' in " + scope + "; expected a built-in type or one of "
                    + scope.typeNames());
        }
        if (e instanceof Scope.FuncEntry) {
            throw n.pos().error("expected a type, found function '" + n.name() + "' of " + scope);
        }
        return e;
    }

    /**
     * Resolves a named type. Renames ({@code use iface.{t}} and {@code type a = b}) are followed in a loop, not by
     * recursion, so a chain of any length costs no stack; every name on the chain gets the type at its end.
     */
    private Typed entry(Scope scope, String name, Scope.Entry e, int depth) {
        List<String> chain = new ArrayList<>();
        Typed t;
        try {
            while (true) {
                String key = scope.kind + " " + scope.name + "/" + name;
                Typed known = done.get(key);
                if (known != null) {
                    t = known;
                    break;
                }
                if (inProgress.containsKey(key)) {
                    throw cycle(key, name, e);
                }
                inProgress.put(key, name);
                chain.add(key);
                if (e instanceof Scope.UseEntry(Ast.Use use, Ast.UseName un)) {
                    Target used = interfaceTarget(use.path());
                    if (used instanceof Foreign foreign) {
                        // another package's type is resolved already: the chain ends here
                        WitType type = foreign.iface().types().get(un.name());
                        if (type == null) {
                            throw un.pos().error("expected a type of interface '" + foreign.show() + "', found '"
                                    + un.name() + "'; it has " + foreign.iface().types().keySet());
                        }
                        t = new Typed(type, height(type));
                        break;
                    }
                    Scope target = ((Local) used).scope();
                    Scope.Entry next = target.entries.get(un.name());
                    if (next == null || next instanceof Scope.FuncEntry) {
                        throw un.pos().error("expected a type of " + target + ", found '" + un.name() + "'; it has "
                                + target.typeNames());
                    }
                    scope = target;
                    name = un.name();
                    e = next;
                } else if (e instanceof Scope.TypeEntry(Ast.Alias a) && a.target() instanceof Ast.NamedRef n) {
                    e = lookup(scope, n);
                    name = n.name();
                } else {
                    t = switch (e) {
                        case Scope.TypeEntry(Ast.TypeDef def) -> definition(scope, def, depth);
                        case Scope.UseEntry u -> throw new IllegalStateException("followed above");
                        case Scope.FuncEntry f -> throw f.pos().error("expected a type, found function '" + name + "'");
                    };
                    break;
                }
            }
        } finally {
            chain.forEach(inProgress::remove);
        }
        for (String key : chain) {
            done.put(key, t);
        }
        return t;
    }

    /**
     * The height of a type of another package (how many levels of list, option, result, tuple, record and variant it
     * nests), so that the depth limit holds across packages. Walked with a stack of its own, and each part once.
     */
    private int height(WitType root) {
        Deque<WitType> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            WitType t = stack.peek();
            if (foreignHeights.containsKey(t)) {
                stack.pop();
                continue;
            }
            List<WitType> parts = parts(t);
            int highest = 0;
            boolean ready = true;
            for (WitType p : parts) {
                Integer h = foreignHeights.get(p);
                if (h == null) {
                    stack.push(p);
                    ready = false;
                } else {
                    highest = Math.max(highest, h);
                }
            }
            if (ready) {
                stack.pop();
                boolean nests = !(t instanceof WitType.Primitive || t instanceof WitType.Enum || t instanceof WitType.Flags);
                foreignHeights.put(t, nests ? highest + 1 : 0);
            }
        }
        return foreignHeights.get(root);
    }

    private static List<WitType> parts(WitType t) {
        return switch (t) {
            case WitType.Primitive p -> List.of();
            case WitType.Enum en -> List.of();
            case WitType.Flags fl -> List.of();
            case WitType.ListOf l -> List.of(l.element());
            case WitType.OptionOf o -> List.of(o.some());
            case WitType.Result r -> Stream.concat(r.ok().stream(), r.err().stream()).toList();
            case WitType.Tuple tu -> tu.elements();
            case WitType.Record r -> r.fields().stream().map(WitType.Field::type).toList();
            case WitType.Variant v -> v.cases().stream().flatMap(c -> c.payload().stream()).toList();
        };
    }

    private WitParseException cycle(String key, String name, Scope.Entry e) {
        List<String> names = new ArrayList<>();
        boolean on = false;
        for (Map.Entry<String, String> p : inProgress.entrySet()) {
            on |= p.getKey().equals(key);
            if (on) {
                names.add(p.getValue());
            }
        }
        names.add(name);
        return e.pos().error("type '" + name + "' refers to itself: " + String.join(" -> ", names));
    }

    private Typed definition(Scope scope, Ast.TypeDef def, int depth) {
        return switch (def) {
            case Ast.Alias a -> resolve(scope, a.target(), depth);
            case Ast.Record r -> {
                int inner = nest(depth, r.pos());
                int[] height = {0};
                List<WitType.Field> fields = checked(r.fields(), "field", def, f -> {
                    Typed t = resolve(scope, f.type(), inner);
                    height[0] = Math.max(height[0], t.height());
                    return new WitType.Field(f.name(), t.type());
                });
                yield new Typed(new WitType.Record(r.name(), fields), height[0] + 1);
            }
            case Ast.Variant v -> {
                int inner = nest(depth, v.pos());
                int[] height = {0};
                List<WitType.Case> cases = checked(v.cases(), "case", def, c -> {
                    Optional<Typed> payload = c.payload().map(p -> resolve(scope, p, inner));
                    height[0] = Math.max(height[0], payload.map(Typed::height).orElse(0));
                    return new WitType.Case(c.name(), payload.map(Typed::type));
                });
                yield new Typed(new WitType.Variant(v.name(), cases), height[0] + 1);
            }
            case Ast.Enum en -> new Typed(new WitType.Enum(en.name(), checked(en.cases(), "case", def, Ast.Named::name)), 0);
            case Ast.Flags fl -> {
                if (fl.flags().size() > 32) {
                    throw fl.pos().error("flags '" + fl.name() + "' has " + fl.flags().size()
                            + " flags; at most 32 are supported");
                }
                yield new Typed(new WitType.Flags(fl.name(), checked(fl.flags(), "flag", def, Ast.Named::name)), 0);
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
