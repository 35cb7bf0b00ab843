package dev.theater.wit.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits WIT text into tokens, dropping comments and attaching doc comments to the token that follows them.
 * Block comments nest, as the WIT specification says.
 */
final class Lexer {

    private static final Pattern SEMVER =
            Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern KEBAB = Pattern.compile("([a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(-([a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*");

    private final String file;
    private final String src;
    private int at;
    private int line = 1;
    private int col = 1;
    private final StringBuilder docs = new StringBuilder();

    private Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    /** All tokens of {@code src}, ending with an EOF token. */
    static List<Token> lex(String file, String src) {
        return new Lexer(file, src).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Pos pos = pos();
            if (at >= src.length()) {
                out.add(token(TokenKind.EOF, "", pos, false));
                return out;
            }
            char c = src.charAt(at);
            if (c == '%' || Character.isLetter(c) || c == '_') {
                out.add(word(pos));
            } else if (c == '-' && peek(1) == '>') {
                advance(2);
                out.add(token(TokenKind.ARROW, "->", pos, false));
            } else if (c == '@' && Character.isDigit(peek(1))) {
                advance(1);
                out.add(token(TokenKind.AT, "@", pos, false));
                out.add(version());
            } else {
                TokenKind kind = symbol(c);
                if (kind == null) {
                    throw pos.error("unexpected character '" + new String(Character.toChars(src.codePointAt(at))) + "'");
                }
                advance(1);
                out.add(token(kind, kind.symbol, pos, false));
            }
        }
    }

    private Token word(Pos pos) {
        boolean escaped = src.charAt(at) == '%';
        if (escaped) {
            advance(1);
        }
        int start = at;
        while (at < src.length() && isWordChar(src.charAt(at))) {
            advance(1);
        }
        String text = src.substring(start, at);
        if (!escaped && text.equals("_")) {
            return token(TokenKind.UNDERSCORE, "_", pos, false);
        }
        if (!KEBAB.matcher(text).matches()) {
            throw pos.error("expected a kebab-case identifier (lowercase words joined by '-', like 'get-state'), found '"
                    + (escaped ? "%" : "") + text + "'");
        }
        return token(TokenKind.IDENT, text, pos, escaped);
    }

    private Token version() {
        Pos pos = pos();
        java.util.regex.Matcher m = SEMVER.matcher(src).region(at, src.length());
        if (m.lookingAt() && !(m.end() < src.length() && isWordChar(src.charAt(m.end())))) {
            String text = m.group();
            advance(text.length());
            return new Token(TokenKind.VERSION, text, pos, false, "");
        }
        int end = at;
        while (end < src.length() && (isWordChar(src.charAt(end)) || src.charAt(end) == '.' || src.charAt(end) == '+')) {
            end++;
        }
        throw pos.error("expected a semantic version like 0.1.0 after '@', found '" + src.substring(at, end) + "'");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_';
    }

    private static TokenKind symbol(char c) {
        for (TokenKind k : TokenKind.values()) {
            if (k.symbol != null && k.symbol.length() == 1 && k.symbol.charAt(0) == c) {
                return k;
            }
        }
        return null;
    }

    private Token token(TokenKind kind, String text, Pos pos, boolean escaped) {
        String d = docs.toString().stripTrailing();
        docs.setLength(0);
        return new Token(kind, text, pos, escaped, d);
    }

    private void skipSpaceAndComments() {
        while (at < src.length()) {
            char c = src.charAt(at);
            if (Character.isWhitespace(c)) {
                advance(1);
            } else if (c == '/' && peek(1) == '/') {
                int start = at;
                while (at < src.length() && src.charAt(at) != '\n') {
                    advance(1);
                }
                String text = src.substring(start, at);
                if (text.startsWith("///") && !text.startsWith("////")) {
                    addDoc(text.substring(3).startsWith(" ") ? text.substring(4) : text.substring(3));
                }
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() {
        Pos open = pos();
        int start = at;
        advance(2);
        int depth = 1;
        while (depth > 0) {
            if (at >= src.length()) {
                throw open.error("expected '*/' to close the comment opened here, found end of file");
            }
            if (src.charAt(at) == '/' && peek(1) == '*') {
                depth++;
                advance(2);
            } else if (src.charAt(at) == '*' && peek(1) == '/') {
                depth--;
                advance(2);
            } else {
                advance(1);
            }
        }
        String text = src.substring(start, at);
        if (text.startsWith("/**") && !text.startsWith("/***") && text.length() > 4) {
            for (String l : text.substring(3, text.length() - 2).strip().split("\n", -1)) {
                String s = l.strip();
                addDoc(s.startsWith("* ") ? s.substring(2) : s.equals("*") ? "" : s);
            }
        }
    }

    private void addDoc(String text) {
        if (!docs.isEmpty()) {
            docs.append('\n');
        }
        docs.append(text.stripTrailing());
    }

    private char peek(int ahead) {
        return at + ahead < src.length() ? src.charAt(at + ahead) : '\0';
    }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            if (src.charAt(at) == '\n') {
                line++;
                col = 1;
            } else if (!Character.isLowSurrogate(src.charAt(at))) {
                col++;
            }
            at++;
        }
    }

    private Pos pos() {
        return new Pos(file, line, col);
    }
}
