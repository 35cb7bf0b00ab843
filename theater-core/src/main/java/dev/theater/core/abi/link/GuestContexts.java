package dev.theater.core.abi.link;

import dev.theater.core.abi.AbiContext;
import dev.theater.core.abi.Allocator;
import dev.theater.core.engine.CoreFunction;
import dev.theater.core.engine.ModuleInstance;

/** Builds the {@link AbiContext} of an instance: its memory and its {@code cabi_realloc}, if exported. */
final class GuestContexts {

    private GuestContexts() {
    }

    static AbiContext of(ModuleInstance instance) {
        Allocator allocator = instance.findExport("cabi_realloc")
                .map(GuestContexts::allocator)
                .orElseGet(() -> Allocator.missing(instance.module().sourceName()));
        return new AbiContext(instance.memory(), allocator);
    }

    private static Allocator allocator(CoreFunction realloc) {
        return (oldPtr, oldSize, align, newSize) -> (int) realloc.call(oldPtr, oldSize, align, newSize)[0];
    }

    /** One instance's context, filled once the instance exists (host calls made while it starts build their own). */
    static final class Holder {
        private AbiContext context;

        AbiContext get(ModuleInstance caller) {
            AbiContext cx = context;
            if (cx == null) {
                cx = of(caller);
                context = cx;
            }
            return cx;
        }

        void set(AbiContext cx) {
            context = cx;
        }
    }
}
