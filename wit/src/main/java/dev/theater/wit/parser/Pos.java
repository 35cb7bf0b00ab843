package dev.theater.wit.parser;

import dev.theater.wit.WitParseException;

/** A place in a WIT file, used to locate errors. */
public record Pos(String file, int line, int column) {

    /** An exception at this place with the given detail. */
    public WitParseException error(String detail) {
        return new WitParseException(file, line, column, detail);
    }

    /** {@code file:line:column}, for "first declared at ..." notes. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
