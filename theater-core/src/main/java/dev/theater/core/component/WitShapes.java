package dev.theater.core.component;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitType;
import java.util.List;
import java.util.Optional;

/**
 * Structural equality of WIT types, as the Component Model compares them: type names (which a component binary
 * need not carry) are ignored; field, case, enum and flag names and their order count.
 */
public final class WitShapes {

    private WitShapes() {
    }

    /** True if both functions take parameters of the same types, in order, and return the same type. */
    public static boolean same(WitFunction a, WitFunction b) {
        if (a.params().size() != b.params().size() || !same(a.result(), b.result())) {
            return false;
        }
        for (int i = 0; i < a.params().size(); i++) {
            if (!same(a.params().get(i).type(), b.params().get(i).type())) {
                return false;
            }
        }
        return true;
    }

    public static boolean same(WitType a, WitType b) {
        return switch (a) {
            case WitType.Primitive p -> p == b;
            case WitType.ListOf l -> b instanceof WitType.ListOf o && same(l.element(), o.element());
            case WitType.OptionOf l -> b instanceof WitType.OptionOf o && same(l.some(), o.some());
            case WitType.Result r -> b instanceof WitType.Result o && same(r.ok(), o.ok()) && same(r.err(), o.err());
            case WitType.Tuple t -> b instanceof WitType.Tuple o && sameAll(t.elements(), o.elements());
            case WitType.Record r -> b instanceof WitType.Record o && r.fields().size() == o.fields().size()
                    && java.util.stream.IntStream.range(0, r.fields().size()).allMatch(i ->
                    r.fields().get(i).name().equals(o.fields().get(i).name())
                            && same(r.fields().get(i).type(), o.fields().get(i).type()));
            case WitType.Variant v -> b instanceof WitType.Variant o && v.cases().size() == o.cases().size()
                    && java.util.stream.IntStream.range(0, v.cases().size()).allMatch(i ->
                    v.cases().get(i).name().equals(o.cases().get(i).name())
                            && same(v.cases().get(i).payload(), o.cases().get(i).payload()));
            case WitType.Enum e -> b instanceof WitType.Enum o && e.cases().equals(o.cases());
            case WitType.Flags f -> b instanceof WitType.Flags o && f.flags().equals(o.flags());
        };
    }

    private static boolean same(Optional<WitType> a, Optional<WitType> b) {
        return a.isPresent() == b.isPresent() && (a.isEmpty() || same(a.get(), b.get()));
    }

    private static boolean sameAll(List<WitType> a, List<WitType> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The function as a component gives it, written out structurally (named types expanded), for messages. */
    public static String describe(WitFunction f) {
        StringBuilder sb = new StringBuilder("func(");
        for (int i = 0; i < f.params().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(f.params().get(i).name()).append(": ").append(describe(f.params().get(i).type()));
        }
        sb.append(')');
        f.result().ifPresent(r -> sb.append(" -> ").append(describe(r)));
        return sb.toString();
    }

    public static String describe(WitType t) {
        return switch (t) {
            case WitType.Primitive p -> p.wit();
            case WitType.ListOf l -> "list<" + describe(l.element()) + ">";
            case WitType.OptionOf o -> "option<" + describe(o.some()) + ">";
            case WitType.Result r -> r.ok().isEmpty() && r.err().isEmpty() ? "result"
                    : "result<" + r.ok().map(WitShapes::describe).orElse("_") + r.err().map(e -> ", " + describe(e)).orElse("") + ">";
            case WitType.Tuple tu -> "tuple<" + String.join(", ", tu.elements().stream().map(WitShapes::describe).toList()) + ">";
            case WitType.Record r -> "record { " + String.join(", ", r.fields().stream()
                    .map(f -> f.name() + ": " + describe(f.type())).toList()) + " }";
            case WitType.Variant v -> "variant { " + String.join(", ", v.cases().stream()
                    .map(c -> c.name() + c.payload().map(p -> "(" + describe(p) + ")").orElse("")).toList()) + " }";
            case WitType.Enum e -> "enum { " + String.join(", ", e.cases()) + " }";
            case WitType.Flags f -> "flags { " + String.join(", ", f.flags()) + " }";
        };
    }
}
