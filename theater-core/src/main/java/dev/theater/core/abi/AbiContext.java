package dev.theater.core.abi;

import dev.theater.core.AbiException;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.GuestMemory;
import java.util.Objects;

/**
 * What lifting and lowering need from one guest instance: its memory, its allocator, and the call being
 * served (named in errors). One context per instance; {@link #site(String)} is switched per call.
 */
public final class AbiContext {

    private final GuestMemory memory;
    private final Allocator allocator;
    private String site = "canonical ABI";

    public AbiContext(GuestMemory memory, Allocator allocator) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
    }

    public GuestMemory memory() {
        return memory;
    }

    /** The call in progress, e.g. {@code export 'theater:test/echo#copy'}; returns the previous one to restore. */
    public String site(String newSite) {
        String previous = site;
        site = newSite;
        return previous;
    }

    public String site() {
        return site;
    }

    /** Allocates {@code size} bytes aligned to {@code align} for a value of {@code type}, checking the guest's answer. */
    int allocate(int align, long size, WitType type) {
        if (size > Integer.MAX_VALUE) {
            throw lowerError(type, size + " bytes do not fit in a 32-bit memory");
        }
        int ptr;
        try {
            ptr = allocator.realloc(0, 0, align, (int) size);
        } catch (Allocator.MissingAllocatorException e) {
            throw lowerError(type, e.getMessage() + ", which is needed to pass this value");
        }
        if ((ptr & (align - 1)) != 0) {
            throw lowerError(type, "cabi_realloc returned " + hex(ptr) + ", not aligned to " + align);
        }
        if (Integer.toUnsignedLong(ptr) + size > memory.sizeBytes()) {
            throw lowerError(type, "cabi_realloc returned " + hex(ptr) + " + " + size
                    + " bytes, outside memory (" + memory.sizeBytes() + " bytes)");
        }
        return ptr;
    }

    /** Checks that {@code [ptr, ptr + length)} lies in memory and {@code ptr} is aligned, before lifting {@code type}. */
    void checkRange(int ptr, long length, int align, WitType type) {
        if ((ptr & (align - 1)) != 0) {
            throw liftError(type, "pointer " + hex(ptr) + " is not aligned to " + align);
        }
        if (Integer.toUnsignedLong(ptr) + length > memory.sizeBytes()) {
            throw liftError(type, "pointer " + hex(ptr) + " + " + length + " bytes is outside memory ("
                    + memory.sizeBytes() + " bytes)");
        }
    }

    AbiException liftError(WitType type, String detail) {
        return new AbiException(site + ": cannot lift " + type.wit() + ": " + detail);
    }

    AbiException lowerError(WitType type, String detail) {
        return new AbiException(site + ": cannot lower " + type.wit() + ": " + detail);
    }

    AbiException wrongValue(WitType type, WitValue value) {
        return lowerError(type, "got " + value);
    }

    static String hex(int ptr) {
        return "0x" + Integer.toHexString(ptr);
    }
}
