package dev.theater.core.engine;

/**
 * A host function at the core level: flat arguments in, flat results out (an empty array for none).
 * {@code caller} gives access to the calling instance's memory and exports (e.g. {@code cabi_realloc}).
 * A runtime exception thrown here ends the guest call and reaches the caller of the export unchanged.
 */
@FunctionalInterface
public interface HostCall {
    long[] call(ModuleInstance caller, long[] args);
}
