package dev.theater.wit;

import dev.theater.api.TheaterException;

/**
 * A WIT text that cannot be parsed or resolved, located at a file, line and column so that a person can fix it.
 *
 * <p>The message reads {@code <file>:<line>:<column>: <detail>}, e.g.
 * {@code types.wit:12:17: expected '>' to close 'list<', found ','}.
 */
public class WitParseException extends TheaterException {

    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    public WitParseException(String file, int line, int column, String detail) {
        super(Phase.WIT, detail);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The file name (or path, when parsed from a directory) the error is in. */
    public String file() {
        return file;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }

    /** The 1-based column (in characters) of the error. */
    public int column() {
        return column;
    }

    /** The message without its location, e.g. {@code expected ';', found '}'}. */
    public String detail() {
        return detail;
    }

    @Override
    public String describe() {
        return file + ":" + line + ":" + column + ": " + detail;
    }
}
