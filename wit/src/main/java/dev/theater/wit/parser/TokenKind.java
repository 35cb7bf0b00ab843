package dev.theater.wit.parser;

/** The kinds of WIT tokens. */
enum TokenKind {
    IDENT, VERSION, UNDERSCORE,
    LBRACE("{"), RBRACE("}"), LPAREN("("), RPAREN(")"), LT("<"), GT(">"), COMMA(","), COLON(":"),
    SEMI(";"), EQUALS("="), DOT("."), SLASH("/"), AT("@"), STAR("*"), ARROW("->"), EOF;

    final String symbol;

    TokenKind() {
        this(null);
    }

    TokenKind(String symbol) {
        this.symbol = symbol;
    }
}
