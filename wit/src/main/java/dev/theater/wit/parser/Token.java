package dev.theater.wit.parser;

import java.util.Set;

/**
 * One lexed WIT token.
 *
 * @param text    the identifier without its {@code %}, the version, or the symbol
 * @param escaped whether an identifier was written with a leading {@code %} (so it is never a keyword)
 * @param docs    the doc comments ({@code ///}, {@code /** *}{@code /}) just before the token, empty if none
 */
record Token(TokenKind kind, String text, Pos pos, boolean escaped, String docs) {

    /** WIT's reserved words: usable as names only when written with a leading {@code %}. */
    static final Set<String> KEYWORDS = Set.of(
            "use", "type", "func", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "f32", "f64",
            "float32", "float64", "char", "bool", "string", "resource", "own", "borrow", "record", "flags",
            "variant", "enum", "option", "result", "future", "stream", "error-context", "list", "tuple", "as",
            "from", "static", "interface", "import", "export", "world", "package", "constructor", "include",
            "with", "async");

    boolean is(TokenKind k) {
        return kind == k;
    }

    /** Whether this is the (unescaped) keyword {@code word}. */
    boolean isKeyword(String word) {
        return kind == TokenKind.IDENT && !escaped && text.equals(word);
    }

    boolean isKeyword() {
        return kind == TokenKind.IDENT && !escaped && KEYWORDS.contains(text);
    }

    /** How the token reads in "found ..." messages. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case VERSION -> "version '" + text + "'";
            case UNDERSCORE -> "'_'";
            case IDENT -> isKeyword() ? "keyword '" + text + "'" : "'" + (escaped ? "%" : "") + text + "'";
            default -> "'" + kind.symbol + "'";
        };
    }
}
