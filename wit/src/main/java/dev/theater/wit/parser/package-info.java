/** The WIT lexer, parser and resolver behind {@link dev.theater.wit.WitParser}; not exported. */
package dev.theater.wit.parser;
