package dev.theater.wit.parser;

import java.util.List;
import java.util.Optional;

/** The syntax tree of WIT files, before names are resolved. */
final class Ast {

    private Ast() {
    }

    /** One parsed file. */
    record File(String name, Optional<PackageDecl> pkg, List<InterfaceDecl> interfaces, List<WorldDecl> worlds) {}

    /** {@code package ns:name@version;}. */
    record PackageDecl(String namespace, String name, Optional<String> version, Pos pos) {
        String id() {
            return namespace + ":" + name;
        }

        String full() {
            return id() + version.map(v -> "@" + v).orElse("");
        }
    }

    /** An interface, top level or inline in a world. */
    record InterfaceDecl(String name, String docs, Pos pos, List<Item> items) {}

    /** A world. */
    record WorldDecl(String name, String docs, Pos pos, List<Item> items, List<WorldExtern> externs,
                     List<Include> includes) {}

    /** Something declared in an interface or world scope: a use, a type definition or a function. */
    sealed interface Item {
        Pos pos();
    }

    /** {@code use path.{a, b as c};}. */
    record Use(UsePath path, List<UseName> names, Pos pos) implements Item {}

    /** One name brought in by a {@link Use}. */
    record UseName(String name, Optional<String> alias, Pos pos) {
        String localName() {
            return alias.orElse(name);
        }
    }

    /** A reference to an interface: {@code name} or {@code ns:pkg/name@version}. */
    record UsePath(Optional<String> packageId, String name, Optional<String> version, Pos pos) {
        String show() {
            return packageId.map(p -> p + "/").orElse("") + name + version.map(v -> "@" + v).orElse("");
        }
    }

    /** A named type definition. */
    sealed interface TypeDef extends Item {
        String name();
    }

    /** {@code type name = ty;}. */
    record Alias(String name, TypeRef target, Pos pos) implements TypeDef {}

    record Record(String name, List<Named> fields, Pos pos) implements TypeDef {}

    record Variant(String name, List<VariantCase> cases, Pos pos) implements TypeDef {}

    record Enum(String name, List<Named> cases, Pos pos) implements TypeDef {}

    record Flags(String name, List<Named> flags, Pos pos) implements TypeDef {}

    /** A named, typed thing (field or parameter); {@code type} is null for enum cases and flags. */
    record Named(String name, TypeRef type, Pos pos) {}

    record VariantCase(String name, Optional<TypeRef> payload, Pos pos) {}

    /** {@code name: func(params) -> result;}. */
    record Func(String name, String docs, List<Named> params, Optional<TypeRef> result, Pos pos) implements Item {}

    /** {@code import}/{@code export} in a world: an interface by path, an inline interface, or a function. */
    record WorldExtern(boolean isImport, Optional<UsePath> path, Optional<InterfaceDecl> inline,
                       Optional<Func> func, Pos pos) {
        String name() {
            return path.map(UsePath::name).or(() -> inline.map(InterfaceDecl::name)).orElseGet(() -> func.orElseThrow().name());
        }
    }

    /** {@code include other-world;}. */
    record Include(UsePath world, Pos pos) {}

    /** A type as written. */
    sealed interface TypeRef {
        Pos pos();
    }

    record Prim(String name, Pos pos) implements TypeRef {}

    record NamedRef(String name, Pos pos) implements TypeRef {}

    record ListRef(TypeRef element, Pos pos) implements TypeRef {}

    record OptionRef(TypeRef some, Pos pos) implements TypeRef {}

    record ResultRef(Optional<TypeRef> ok, Optional<TypeRef> err, Pos pos) implements TypeRef {}

    record TupleRef(List<TypeRef> elements, Pos pos) implements TypeRef {}
}
