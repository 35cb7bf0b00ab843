package dev.theater.wit.parser;

import dev.theater.wit.WitParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Turns the tokens of one WIT file into an {@link Ast.File}; names are checked later by {@link Resolver}. */
final class Parser {

    private static final Set<String> UNSUPPORTED_TYPES = Set.of("own", "borrow", "future", "stream", "error-context");
    private static final Set<String> NESTING = Set.of("list", "option", "result", "tuple");
    private static final Set<String> PRIMITIVES = Set.of("bool", "s8", "u8", "s16", "u16", "s32", "u32", "s64",
            "u64", "f32", "f64", "float32", "float64", "char", "string");

    private final List<Token> tokens;
    private int at;
    /** How many list, option, result and tuple types enclose the one being parsed: at most {@link WitParser#MAX_TYPE_DEPTH}. */
    private int typeDepth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Ast.File parse(String file, String text) {
        return new Parser(Lexer.lex(file, text)).file(file);
    }

    private Ast.File file(String name) {
        Optional<Ast.PackageDecl> pkg = Optional.empty();
        if (peek().isKeyword("package")) {
            pkg = Optional.of(packageDecl());
        }
        List<Ast.InterfaceDecl> interfaces = new ArrayList<>();
        List<Ast.WorldDecl> worlds = new ArrayList<>();
        while (!peek().is(TokenKind.EOF)) {
            Token t = peek();
            if (t.isKeyword("interface")) {
                next();
                interfaces.add(interfaceBody(ident("an interface name"), t.docs(), t.pos()));
            } else if (t.isKeyword("world")) {
                next();
                worlds.add(world(t));
            } else if (t.isKeyword("package")) {
                throw t.pos().error(pkg.isPresent() ? "expected one 'package' declaration per file, found a second one"
                        : "expected 'package' before any interface or world, found it after one");
            } else if (t.isKeyword("use")) {
                throw t.pos().error("top-level 'use' is not supported; write 'use' inside an interface or world");
            } else {
                throw t.pos().error("expected 'interface' or 'world', found " + t.describe());
            }
        }
        return new Ast.File(name, pkg, interfaces, worlds);
    }

    private Ast.PackageDecl packageDecl() {
        Token kw = next();
        String ns = ident("a package namespace");
        expect(TokenKind.COLON, "':' between namespace and name in 'package'");
        String name = ident("a package name");
        Optional<String> version = optionalVersion();
        if (peek().is(TokenKind.LBRACE)) {
            throw peek().pos().error("nested package blocks ('package ns:name { ... }') are not supported");
        }
        expect(TokenKind.SEMI, "';' after the package declaration");
        return new Ast.PackageDecl(ns, name, version, kw.pos());
    }

    private Optional<String> optionalVersion() {
        if (!peek().is(TokenKind.AT)) {
            return Optional.empty();
        }
        next();
        Token v = peek();
        if (!v.is(TokenKind.VERSION)) {
            throw v.pos().error("expected a semantic version like 0.1.0 after '@', found " + v.describe());
        }
        next();
        return Optional.of(v.text());
    }

    private Ast.InterfaceDecl interfaceBody(String name, String docs, Pos pos) {
        expect(TokenKind.LBRACE, "'{' to open interface '" + name + "'");
        List<Ast.Item> items = new ArrayList<>();
        while (!peek().is(TokenKind.RBRACE)) {
            Token t = peek();
            if (t.is(TokenKind.EOF)) {
                throw t.pos().error("expected '}' to close interface '" + name + "', found end of file");
            }
            Optional<Ast.Item> common = commonItem();
            if (common.isPresent()) {
                items.add(common.get());
            } else if (t.is(TokenKind.IDENT) && !t.isKeyword()) {
                items.add(namedFunc());
            } else {
                throw t.pos().error("expected 'use', 'type', 'record', 'variant', 'enum', 'flags' or a function name, found "
                        + t.describe());
            }
        }
        next();
        return new Ast.InterfaceDecl(name, docs, pos, items);
    }

    private Ast.WorldDecl world(Token kw) {
        String name = ident("a world name");
        expect(TokenKind.LBRACE, "'{' to open world '" + name + "'");
        List<Ast.Item> items = new ArrayList<>();
        List<Ast.WorldExtern> externs = new ArrayList<>();
        List<Ast.Include> includes = new ArrayList<>();
        while (!peek().is(TokenKind.RBRACE)) {
            Token t = peek();
            if (t.is(TokenKind.EOF)) {
                throw t.pos().error("expected '}' to close world '" + name + "', found end of file");
            }
            Optional<Ast.Item> common = commonItem();
            if (common.isPresent()) {
                items.add(common.get());
            } else if (t.isKeyword("import") || t.isKeyword("export")) {
                next();
                externs.add(extern(t));
            } else if (t.isKeyword("include")) {
                next();
                Ast.UsePath path = usePath();
                if (peek().isKeyword("with")) {
                    throw peek().pos().error("'include ... with { ... }' is not supported");
                }
                expect(TokenKind.SEMI, "';' after 'include'");
                includes.add(new Ast.Include(path, t.pos()));
            } else {
                throw t.pos().error("expected 'import', 'export', 'include', 'use' or a type definition, found "
                        + t.describe());
            }
        }
        next();
        return new Ast.WorldDecl(name, kw.docs(), kw.pos(), items, externs, includes);
    }

    private Ast.WorldExtern extern(Token kw) {
        boolean isImport = kw.isKeyword("import");
        Token nameTok = peek();
        if (nameTok.is(TokenKind.IDENT) && !nameTok.isKeyword() && peekAt(1).is(TokenKind.COLON)
                && (peekAt(2).isKeyword("func") || peekAt(2).isKeyword("async") || peekAt(2).isKeyword("interface"))) {
            next();
            next();
            String docs = !nameTok.docs().isEmpty() ? nameTok.docs() : kw.docs();
            if (peek().isKeyword("interface")) {
                next();
                Ast.InterfaceDecl inline = interfaceBody(nameTok.text(), docs, nameTok.pos());
                return new Ast.WorldExtern(isImport, Optional.empty(), Optional.of(inline), Optional.empty(), kw.pos());
            }
            Ast.Func f = funcRest(nameTok.text(), docs, nameTok.pos());
            return new Ast.WorldExtern(isImport, Optional.empty(), Optional.empty(), Optional.of(f), kw.pos());
        }
        Ast.UsePath path = usePath();
        expect(TokenKind.SEMI, "';' after '" + kw.text() + " " + path.show() + "'");
        return new Ast.WorldExtern(isImport, Optional.of(path), Optional.empty(), Optional.empty(), kw.pos());
    }

    /** use, type, record, variant, enum, flags: allowed in interfaces and worlds. */
    private Optional<Ast.Item> commonItem() {
        Token t = peek();
        if (t.isKeyword("use")) {
            return Optional.of(use());
        }
        if (t.isKeyword("resource")) {
            throw t.pos().error("resources are not supported by Theater's WIT type model");
        }
        if (!(t.isKeyword("type") || t.isKeyword("record") || t.isKeyword("variant") || t.isKeyword("enum")
                || t.isKeyword("flags"))) {
            return Optional.empty();
        }
        next();
        String what = t.text();
        Token nameTok = peek();
        String name = ident("a " + what + " name");
        Pos pos = nameTok.pos();
        return Optional.of(switch (what) {
            case "type" -> {
                expect(TokenKind.EQUALS, "'=' after 'type " + name + "'");
                Ast.TypeRef target = type();
                expect(TokenKind.SEMI, "';' after the type alias '" + name + "'");
                yield new Ast.Alias(name, target, pos);
            }
            case "record" -> new Ast.Record(name, namedList(what, name, true), pos);
            case "enum" -> new Ast.Enum(name, namedList(what, name, false), pos);
            case "flags" -> new Ast.Flags(name, namedList(what, name, false), pos);
            default -> new Ast.Variant(name, variantCases(name), pos);
        });
    }

    private Ast.Use use() {
        Token kw = next();
        Ast.UsePath path = usePath();
        expect(TokenKind.DOT, "'.' after the interface in 'use " + path.show() + "'");
        expect(TokenKind.LBRACE, "'{' to list the names used from '" + path.show() + "'");
        List<Ast.UseName> names = new ArrayList<>();
        do {
            if (peek().is(TokenKind.RBRACE) && !names.isEmpty()) {
                break;
            }
            Pos p = peek().pos();
            String n = ident("a type name in 'use " + path.show() + ".{'");
            Optional<String> alias = Optional.empty();
            if (peek().isKeyword("as")) {
                next();
                alias = Optional.of(ident("a new name after 'as'"));
            }
            names.add(new Ast.UseName(n, alias, p));
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RBRACE, "',' or '}' to close 'use " + path.show() + ".{'");
        expect(TokenKind.SEMI, "';' after 'use " + path.show() + ".{...}'");
        return new Ast.Use(path, names, kw.pos());
    }

    /** {@code name} or {@code ns:pkg/name[@version]}. */
    private Ast.UsePath usePath() {
        Pos pos = peek().pos();
        String first = ident("an interface name");
        if (!peek().is(TokenKind.COLON)) {
            return new Ast.UsePath(Optional.empty(), first, Optional.empty(), pos);
        }
        next();
        String pkg = ident("a package name after '" + first + ":'");
        expect(TokenKind.SLASH, "'/' between package and interface in '" + first + ":" + pkg + "'");
        String iface = ident("an interface name after '" + first + ":" + pkg + "/'");
        return new Ast.UsePath(Optional.of(first + ":" + pkg), iface, optionalVersion(), pos);
    }

    private Ast.Func namedFunc() {
        Token nameTok = next();
        expect(TokenKind.COLON, "':' after the function name '" + nameTok.text() + "'");
        return funcRest(nameTok.text(), nameTok.docs(), nameTok.pos());
    }

    /** After {@code name:} — {@code func(params) [-> result];}. */
    private Ast.Func funcRest(String name, String docs, Pos pos) {
        if (peek().isKeyword("async")) {
            throw peek().pos().error("async functions are not supported");
        }
        if (!peek().isKeyword("func")) {
            throw peek().pos().error("expected 'func' after '" + name + ":', found " + peek().describe());
        }
        next();
        expect(TokenKind.LPAREN, "'(' after 'func'");
        List<Ast.Named> params = namedTypes(TokenKind.RPAREN, "parameter", "')' to close the parameters of '" + name + "'");
        Optional<Ast.TypeRef> result = Optional.empty();
        if (accept(TokenKind.ARROW)) {
            if (peek().is(TokenKind.LPAREN)) {
                // The older WIT form with named results, `-> (a: u32, b: string)`, is read as `-> tuple<u32, string>`
                // (and `-> ()` as no result); the names are dropped since a function has a single result.
                Pos p = next().pos();
                List<Ast.Named> named = namedTypes(TokenKind.RPAREN, "result", "')' to close the results of '" + name + "'");
                if (!named.isEmpty()) {
                    result = Optional.of(new Ast.TupleRef(named.stream().map(Ast.Named::type).toList(), p));
                }
            } else {
                result = Optional.of(type());
            }
        }
        expect(TokenKind.SEMI, "';' after the function '" + name + "'");
        return new Ast.Func(name, docs, params, result, pos);
    }

    /** {@code a: T, b: U, ...} up to (and consuming) {@code close}; trailing comma allowed. */
    private List<Ast.Named> namedTypes(TokenKind close, String what, String closeText) {
        List<Ast.Named> out = new ArrayList<>();
        while (!peek().is(close)) {
            Pos p = peek().pos();
            String n = ident("a " + what + " name or " + closeText.substring(0, closeText.indexOf(' ')));
            expect(TokenKind.COLON, "':' after the " + what + " name '" + n + "'");
            out.add(new Ast.Named(n, type(), p));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        expect(close, "',' or " + closeText);
        return out;
    }

    /** {@code { a: T, b: U }} for records (typed) or {@code { a, b }} for enums and flags. */
    private List<Ast.Named> namedList(String what, String name, boolean typed) {
        expect(TokenKind.LBRACE, "'{' after '" + what + " " + name + "'");
        List<Ast.Named> out = new ArrayList<>();
        String itemWhat = typed ? "field" : what.equals("enum") ? "case" : "flag";
        while (!peek().is(TokenKind.RBRACE)) {
            Pos p = peek().pos();
            String n = ident("a " + itemWhat + " name or '}'");
            Ast.TypeRef type = null;
            if (typed) {
                expect(TokenKind.COLON, "':' after the field name '" + n + "'");
                type = type();
            }
            out.add(new Ast.Named(n, type, p));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        expect(TokenKind.RBRACE, "',' or '}' to close " + what + " '" + name + "'");
        return out;
    }

    private List<Ast.VariantCase> variantCases(String name) {
        expect(TokenKind.LBRACE, "'{' after 'variant " + name + "'");
        List<Ast.VariantCase> out = new ArrayList<>();
        while (!peek().is(TokenKind.RBRACE)) {
            Pos p = peek().pos();
            String n = ident("a case name or '}'");
            Optional<Ast.TypeRef> payload = Optional.empty();
            if (accept(TokenKind.LPAREN)) {
                payload = Optional.of(type());
                expect(TokenKind.RPAREN, "')' to close the payload of case '" + n + "'");
            }
            out.add(new Ast.VariantCase(n, payload, p));
            if (!accept(TokenKind.COMMA)) {
                break;
            }
        }
        expect(TokenKind.RBRACE, "',' or '}' to close variant '" + name + "'");
        return out;
    }

    private Ast.TypeRef type() {
        Token t = peek();
        Pos pos = t.pos();
        if (typeDepth >= WitParser.MAX_TYPE_DEPTH && t.is(TokenKind.IDENT) && !t.escaped() && NESTING.contains(t.text())) {
            throw pos.error(TypeResolver.tooDeep());
        }
        typeDepth++;
        try {
            return typeAtThisDepth(t, pos);
        } finally {
            typeDepth--;
        }
    }

    private Ast.TypeRef typeAtThisDepth(Token t, Pos pos) {
        if (t.is(TokenKind.IDENT) && !t.escaped()) {
            String w = t.text();
            if (PRIMITIVES.contains(w)) {
                next();
                return new Ast.Prim(w, pos);
            }
            if (UNSUPPORTED_TYPES.contains(w) || w.equals("resource")) {
                throw pos.error("'" + w + "' is not supported by Theater's WIT type model");
            }
            switch (w) {
                case "list" -> {
                    next();
                    open("list");
                    Ast.TypeRef e = type();
                    expect(TokenKind.GT, "'>' to close 'list<'");
                    return new Ast.ListRef(e, pos);
                }
                case "option" -> {
                    next();
                    open("option");
                    Ast.TypeRef e = type();
                    expect(TokenKind.GT, "'>' to close 'option<'");
                    return new Ast.OptionRef(e, pos);
                }
                case "result" -> {
                    next();
                    return result(pos);
                }
                case "tuple" -> {
                    next();
                    open("tuple");
                    List<Ast.TypeRef> elements = new ArrayList<>();
                    do {
                        if (peek().is(TokenKind.GT) && !elements.isEmpty()) {
                            break;
                        }
                        elements.add(type());
                    } while (accept(TokenKind.COMMA));
                    expect(TokenKind.GT, "',' or '>' to close 'tuple<'");
                    return new Ast.TupleRef(elements, pos);
                }
                default -> {
                    // a keyword that is not a type falls through to the error below
                }
            }
        }
        if (t.is(TokenKind.IDENT) && !t.isKeyword()) {
            next();
            return new Ast.NamedRef(t.text(), pos);
        }
        throw pos.error("expected a type, found " + t.describe());
    }

    private Ast.TypeRef result(Pos pos) {
        if (!accept(TokenKind.LT)) {
            return new Ast.ResultRef(Optional.empty(), Optional.empty(), pos);
        }
        if (accept(TokenKind.UNDERSCORE)) {
            expect(TokenKind.COMMA, "',' and an error type after 'result<_'");
            Ast.TypeRef err = type();
            expect(TokenKind.GT, "'>' to close 'result<'");
            return new Ast.ResultRef(Optional.empty(), Optional.of(err), pos);
        }
        Ast.TypeRef ok = type();
        Optional<Ast.TypeRef> err = Optional.empty();
        if (accept(TokenKind.COMMA)) {
            err = Optional.of(type());
            expect(TokenKind.GT, "'>' to close 'result<'");
        } else {
            expect(TokenKind.GT, "',' or '>' to close 'result<'");
        }
        return new Ast.ResultRef(Optional.of(ok), err, pos);
    }

    private void open(String what) {
        expect(TokenKind.LT, "'<' after '" + what + "'");
    }

    private String ident(String what) {
        Token t = peek();
        if (t.is(TokenKind.IDENT) && !t.isKeyword()) {
            next();
            return t.text();
        }
        String hint = t.isKeyword() ? " (write %" + t.text() + " to use it as a name)" : "";
        throw t.pos().error("expected " + what + ", found " + t.describe() + hint);
    }

    private void expect(TokenKind kind, String what) {
        Token t = peek();
        if (!t.is(kind)) {
            throw t.pos().error("expected " + what + ", found " + t.describe());
        }
        next();
    }

    private boolean accept(TokenKind kind) {
        if (peek().is(kind)) {
            next();
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (!t.is(TokenKind.EOF)) {
            at++;
        }
        return t;
    }
}
