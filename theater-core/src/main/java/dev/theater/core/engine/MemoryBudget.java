package dev.theater.core.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The guest memory one runtime may hold, in 64 KiB pages, shared by all its instances: every instantiation and
 * every {@code memory.grow} reserves pages here first, and a grow that does not fit fails inside the guest
 * ({@code memory.grow} returns -1), so guests can never exhaust the JVM's heap together. Pages go back when an
 * instance is closed.
 */
public final class MemoryBudget {

    /** The page size of wasm linear memory. */
    public static final long PAGE_BYTES = 65_536;

    private final long capacityPages;
    private final AtomicLong usedPages = new AtomicLong();

    private MemoryBudget(long capacityPages) {
        this.capacityPages = capacityPages;
    }

    /** A budget of {@code bytes} (rounded down to whole pages). */
    public static MemoryBudget ofBytes(long bytes) {
        if (bytes < PAGE_BYTES) {
            throw new IllegalArgumentException("a guest memory budget is at least one page (65536 bytes), was " + bytes);
        }
        return new MemoryBudget(bytes / PAGE_BYTES);
    }

    /**
     * The default: half of the JVM's maximum heap ({@code -Xmx}), leaving the other half to the runtime itself
     * (chains, messages, handlers) and to the copies the ABI makes.
     */
    public static MemoryBudget defaultForHeap() {
        return ofBytes(Math.max(PAGE_BYTES, Runtime.getRuntime().maxMemory() / 2));
    }

    public long capacityBytes() {
        return capacityPages * PAGE_BYTES;
    }

    public long usedBytes() {
        return usedPages.get() * PAGE_BYTES;
    }

    /** Reserves {@code pages}; false (and nothing reserved) when they do not fit. */
    boolean tryReserve(long pages) {
        if (pages <= 0) {
            return pages == 0;
        }
        while (true) {
            long used = usedPages.get();
            if (used + pages > capacityPages) {
                return false;
            }
            if (usedPages.compareAndSet(used, used + pages)) {
                return true;
            }
        }
    }

    void release(long pages) {
        if (pages > 0) {
            usedPages.addAndGet(-pages);
        }
    }

    @Override
    public String toString() {
        return "MemoryBudget[" + usedBytes() / (1024 * 1024) + " of " + capacityBytes() / (1024 * 1024) + " MiB used]";
    }
}
