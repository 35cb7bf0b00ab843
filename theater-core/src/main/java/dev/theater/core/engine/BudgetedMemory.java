package dev.theater.core.engine;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * Chicory's memory with its pages charged to a {@link MemoryBudget}: the initial pages when it is created, each
 * {@code memory.grow} before it happens. A grow past the budget or past the instance's own cap returns -1, as the
 * wasm spec says a failed grow does, so the guest sees it. A grow the JVM cannot allocate although the budget
 * allowed it (a budget set larger than the heap) lets the {@link OutOfMemoryError} through, after dropping the
 * memory at once (what Chicory allocated before running out would otherwise keep the heap full until the actor
 * is gone): the call and its actor fail, every later access traps. Everything else is delegated.
 */
final class BudgetedMemory implements Memory {

    /** What a memory is replaced by after a grow ran the JVM out of heap: no pages, so every access traps. */
    private static final ByteBufferMemory DROPPED = new ByteBufferMemory(new MemoryLimits(0, 0));

    private ByteBufferMemory memory; // DROPPED once a grow has run the JVM out of heap
    private final MemoryBudget budget;
    private long reserved; // pages charged to the budget; guarded by this

    private BudgetedMemory(ByteBufferMemory memory, MemoryBudget budget, long reserved) {
        this.memory = memory;
        this.budget = budget;
        this.reserved = reserved;
    }

    /**
     * A memory of {@code limits}, its initial pages charged to {@code budget}.
     *
     * @throws MemoryBudgetExhaustedException when they do not fit
     */
    static BudgetedMemory create(MemoryLimits limits, MemoryBudget budget) {
        long initial = limits.initialPages();
        if (!budget.tryReserve(initial)) {
            throw new MemoryBudgetExhaustedException(initial, budget);
        }
        try {
            return new BudgetedMemory(new ByteBufferMemory(limits), budget, initial);
        } catch (OutOfMemoryError | RuntimeException e) {
            budget.release(initial);
            throw e;
        }
    }

    /** The initial pages did not fit in the budget. */
    static final class MemoryBudgetExhaustedException extends RuntimeException {
        MemoryBudgetExhaustedException(long pages, MemoryBudget budget) {
            super("the module needs " + pages + " pages (" + pages * 64 + " KiB) of memory at start, but the runtime's"
                    + " guest memory budget has " + (budget.capacityBytes() - budget.usedBytes()) / 1024 + " KiB of "
                    + budget.capacityBytes() / 1024 + " KiB left", null, false, false);
        }
    }

    @Override
    public synchronized int grow(int size) {
        if (size < 0) {
            return -1;
        }
        if (!budget.tryReserve(size)) {
            return -1;
        }
        int previous;
        try {
            previous = memory.grow(size);
        } catch (OutOfMemoryError e) {
            budget.release(size + reserved);
            reserved = 0;
            memory = DROPPED; // the pages become garbage now (allocating anything first would fail); accesses trap
            throw e;
        }
        if (previous < 0) {
            budget.release(size);
        } else {
            reserved += size;
        }
        return previous;
    }

    /** Gives every page back to the budget; the memory must not be used afterwards. */
    synchronized void release() {
        budget.release(reserved);
        reserved = 0;
    }

    @Override
    public int pages() {
        return memory.pages();
    }

    @Override
    public int initialPages() {
        return memory.initialPages();
    }

    @Override
    public int maximumPages() {
        return memory.maximumPages();
    }

    @Override
    public boolean shared() {
        return memory.shared();
    }

    @Override
    @SuppressWarnings("removal")
    public Object lock(int address) {
        return memory.lock(address);
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        return memory.waitOn(address, expected, timeout);
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        return memory.waitOn(address, expected, timeout);
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        return memory.notify(address, maxThreads);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        memory.initialize(instance, dataSegments);
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        memory.initialize(instance, dataSegments, memoryIndex);
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        memory.initPassiveSegment(segmentId, dest, offset, size);
    }

    @Override
    public void write(int addr, byte[] data) {
        memory.write(addr, data);
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        memory.write(addr, data, offset, size);
    }

    @Override
    public byte read(int addr) {
        return memory.read(addr);
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        return memory.readBytes(addr, len);
    }

    @Override
    public void writeI32(int addr, int data) {
        memory.writeI32(addr, data);
    }

    @Override
    public int readInt(int addr) {
        return memory.readInt(addr);
    }

    @Override
    public void writeLong(int addr, long data) {
        memory.writeLong(addr, data);
    }

    @Override
    public long readLong(int addr) {
        return memory.readLong(addr);
    }

    @Override
    public void writeShort(int addr, short data) {
        memory.writeShort(addr, data);
    }

    @Override
    public short readShort(int addr) {
        return memory.readShort(addr);
    }

    @Override
    public long readU16(int addr) {
        return memory.readU16(addr);
    }

    @Override
    public void writeByte(int addr, byte data) {
        memory.writeByte(addr, data);
    }

    @Override
    public void writeF32(int addr, float data) {
        memory.writeF32(addr, data);
    }

    @Override
    public long readF32(int addr) {
        return memory.readF32(addr);
    }

    @Override
    public float readFloat(int addr) {
        return memory.readFloat(addr);
    }

    @Override
    public void writeF64(int addr, double data) {
        memory.writeF64(addr, data);
    }

    @Override
    public double readDouble(int addr) {
        return memory.readDouble(addr);
    }

    @Override
    public long readF64(int addr) {
        return memory.readF64(addr);
    }

    @Override
    public void zero() {
        memory.zero();
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        memory.fill(value, fromIndex, toIndex);
    }

    @Override
    public void copy(int dest, int src, int size) {
        memory.copy(dest, src, size);
    }

    @Override
    public void drop(int segment) {
        memory.drop(segment);
    }
}
