package dev.theater.core.engine;

/**
 * A core WebAssembly value type of a function signature. Flat values travel as {@code long}: i32 as its
 * sign-extended int, f32 as its raw int bits, f64 as its raw long bits (Chicory's convention).
 */
public enum CoreType {
    I32, I64, F32, F64;

    public String wat() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
