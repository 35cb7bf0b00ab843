/**
 * The compile step of the engine and its on-disk cache: compiling a module with Chicory's compiler (reporting
 * progress and the functions left to the interpreter), and keeping the generated JVM classes under
 * {@code <home>/cache/compiled/<key>/entry.bin} so that a later process loads them instead of compiling. Entries are
 * checked (format, key, length, SHA-256) before use and written atomically; see the module README.
 */
package dev.theater.core.engine.cache;
