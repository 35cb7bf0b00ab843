package dev.theater.core.abi;

import dev.theater.core.engine.GuestMemory;
import dev.theater.core.WasmTrapException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A linear memory on the Java heap with a bump allocator, for ABI tests that need no guest code. */
final class HeapMemory implements GuestMemory, Allocator {

    private final ByteBuffer buf;
    private int next = 8; // keep 0 unused, like a C heap

    HeapMemory(int size) {
        buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    AbiContext context() {
        return new AbiContext(this, this);
    }

    @Override
    public int realloc(int oldPtr, int oldSize, int align, int newSize) {
        int ptr = (next + align - 1) & -align;
        if ((long) ptr + newSize > buf.capacity()) {
            throw new WasmTrapException("out of test memory");
        }
        next = ptr + newSize;
        return ptr;
    }

    private int at(int address, int length) {
        if (address < 0 || (long) address + length > buf.capacity()) {
            throw new WasmTrapException("out of bounds memory access at " + Integer.toUnsignedString(address));
        }
        return address;
    }

    @Override public byte readByte(int a) { return buf.get(at(a, 1)); }
    @Override public short readShort(int a) { return buf.getShort(at(a, 2)); }
    @Override public int readInt(int a) { return buf.getInt(at(a, 4)); }
    @Override public long readLong(int a) { return buf.getLong(at(a, 8)); }
    @Override public float readFloat(int a) { return buf.getFloat(at(a, 4)); }
    @Override public double readDouble(int a) { return buf.getDouble(at(a, 8)); }

    @Override
    public byte[] readBytes(int a, int length) {
        byte[] out = new byte[length];
        buf.get(at(a, length), out);
        return out;
    }

    @Override public void writeByte(int a, byte v) { buf.put(at(a, 1), v); }
    @Override public void writeShort(int a, short v) { buf.putShort(at(a, 2), v); }
    @Override public void writeInt(int a, int v) { buf.putInt(at(a, 4), v); }
    @Override public void writeLong(int a, long v) { buf.putLong(at(a, 8), v); }
    @Override public void writeFloat(int a, float v) { buf.putFloat(at(a, 4), v); }
    @Override public void writeDouble(int a, double v) { buf.putDouble(at(a, 8), v); }

    @Override
    public void writeBytes(int a, byte[] source, int offset, int length) {
        buf.put(at(a, length), source, offset, length);
    }

    @Override
    public long sizeBytes() {
        return buf.capacity();
    }
}
