package dev.theater.core.abi;

import dev.theater.core.AbiException;
/** The guest's {@code cabi_realloc(old_ptr, old_size, align, new_size) -> ptr}, used to place lowered strings and lists. */
@FunctionalInterface
public interface Allocator {

    int realloc(int oldPtr, int oldSize, int align, int newSize);

    /** An allocator for a guest that exports no {@code cabi_realloc}: any lowering that needs memory fails clearly. */
    static Allocator missing(String moduleName) {
        return (oldPtr, oldSize, align, newSize) -> {
            throw new MissingAllocatorException(moduleName);
        };
    }

    /** Thrown by {@link #missing}; {@link AbiContext} turns it into an {@link AbiException} naming the type. */
    final class MissingAllocatorException extends RuntimeException {
        MissingAllocatorException(String moduleName) {
            super(moduleName + " does not export cabi_realloc", null, false, false);
        }
    }
}
