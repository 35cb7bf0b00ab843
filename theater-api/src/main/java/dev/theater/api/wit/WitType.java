package dev.theater.api.wit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WIT value type, with aliases already resolved. The closed set mirrors the Component Model's
 * value types (resources and handles are not supported yet).
 *
 * <p>Named types ({@link Record}, {@link Variant}, {@link Enum}, {@link Flags}) keep their WIT name so
 * that errors and tools can show it; two named types are equal when name and structure are equal.
 */
public sealed interface WitType {

    /** The type as written in WIT, e.g. {@code list<string>} or {@code option<result<u32, string>>}. */
    String wit();

    /** Scalars and strings. */
    enum Primitive implements WitType {
        BOOL("bool"), S8("s8"), U8("u8"), S16("s16"), U16("u16"), S32("s32"), U32("u32"),
        S64("s64"), U64("u64"), F32("f32"), F64("f64"), CHAR("char"), STRING("string");

        private final String wit;

        Primitive(String wit) {
            this.wit = wit;
        }

        @Override
        public String wit() {
            return wit;
        }

        /** The primitive named {@code name} in WIT ({@code "u32"}), if any; {@code float32}/{@code float64} are accepted too. */
        public static Optional<Primitive> byWitName(String name) {
            for (Primitive p : values()) {
                if (p.wit.equals(name)) {
                    return Optional.of(p);
                }
            }
            return switch (name) {
                case "float32" -> Optional.of(F32);
                case "float64" -> Optional.of(F64);
                default -> Optional.empty();
            };
        }
    }

    /** {@code list<T>}. A {@code list<u8>} is lifted as {@link WitValue.Bytes}. */
    record ListOf(WitType element) implements WitType {
        public ListOf {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String wit() {
            return "list<" + element.wit() + ">";
        }
    }

    /** {@code option<T>}. */
    record OptionOf(WitType some) implements WitType {
        public OptionOf {
            Objects.requireNonNull(some, "some");
        }

        @Override
        public String wit() {
            return "option<" + some.wit() + ">";
        }
    }

    /** {@code result}, {@code result<T>}, {@code result<_, E>} and {@code result<T, E>}. */
    record Result(Optional<WitType> ok, Optional<WitType> err) implements WitType {
        public Result {
            Objects.requireNonNull(ok, "ok");
            Objects.requireNonNull(err, "err");
        }

        @Override
        public String wit() {
            if (ok.isEmpty() && err.isEmpty()) {
                return "result";
            }
            if (err.isEmpty()) {
                return "result<" + ok.get().wit() + ">";
            }
            return "result<" + ok.map(WitType::wit).orElse("_") + ", " + err.get().wit() + ">";
        }
    }

    /** {@code tuple<T...>}. */
    record Tuple(List<WitType> elements) implements WitType {
        public Tuple {
            elements = List.copyOf(elements);
        }

        @Override
        public String wit() {
            return "tuple<" + String.join(", ", elements.stream().map(WitType::wit).toList()) + ">";
        }
    }

    /** A named field of a {@link Record}. */
    record Field(String name, WitType type) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** {@code record name { fields }}; has at least one field. */
    record Record(String name, List<Field> fields) implements WitType {
        public Record {
            Objects.requireNonNull(name, "name");
            fields = List.copyOf(fields);
        }

        @Override
        public String wit() {
            return name;
        }
    }

    /** A case of a {@link Variant}, with an optional payload. */
    record Case(String name, Optional<WitType> payload) {
        public Case {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** {@code variant name { cases }}; has at least one case. */
    record Variant(String name, List<Case> cases) implements WitType {
        public Variant {
            Objects.requireNonNull(name, "name");
            cases = List.copyOf(cases);
        }

        @Override
        public String wit() {
            return name;
        }
    }

    /** {@code enum name { cases }}; has at least one case. */
    record Enum(String name, List<String> cases) implements WitType {
        public Enum {
            Objects.requireNonNull(name, "name");
            cases = List.copyOf(cases);
        }

        @Override
        public String wit() {
            return name;
        }
    }

    /** {@code flags name { flags }}; at most 32 flags are supported. */
    record Flags(String name, List<String> flags) implements WitType {
        public Flags {
            Objects.requireNonNull(name, "name");
            flags = List.copyOf(flags);
        }

        @Override
        public String wit() {
            return name;
        }
    }
}
