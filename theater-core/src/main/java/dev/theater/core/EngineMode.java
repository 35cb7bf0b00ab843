package dev.theater.core;

/** How guest code runs: compiled to JVM bytecode once per module (the default), or interpreted. */
public enum EngineMode {
    /** Chicory's runtime compiler: fast calls, a one-time compile cost per distinct module. */
    COMPILER,
    /** Chicory's interpreter: no compile cost, 100-500x slower on compute. */
    INTERPRETER
}
