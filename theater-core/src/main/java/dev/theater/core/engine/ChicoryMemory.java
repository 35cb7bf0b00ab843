package dev.theater.core.engine;

import dev.theater.core.WasmTrapException;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;

/** {@link GuestMemory} over a Chicory instance's memory 0; out-of-bounds access becomes a {@link WasmTrapException}. */
final class ChicoryMemory implements GuestMemory {

    private final String source;
    private final Memory memory;

    ChicoryMemory(String source, Instance instance) {
        this.source = source;
        this.memory = instance.module().memorySection().map(s -> s.memoryCount() > 0).orElse(false) ? instance.memory() : null;
    }

    /** Over {@code memory} itself (a component's memory, exported by one of its core instances); null: none. */
    ChicoryMemory(String source, Memory memory) {
        this.source = source;
        this.memory = memory;
    }

    private Memory memory(int address) {
        if (memory == null) {
            throw new WasmTrapException(source + " has no memory (access at " + Integer.toUnsignedString(address) + ")");
        }
        return memory;
    }

    private WasmTrapException outOfBounds(int address, int length, RuntimeException cause) {
        return new WasmTrapException(source + ": memory access out of bounds: " + length + " bytes at "
                + Integer.toUnsignedString(address) + " (memory is " + sizeBytes() + " bytes)", cause);
    }

    @Override
    public byte readByte(int address) {
        try {
            return memory(address).read(address);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 1, e);
        }
    }

    @Override
    public short readShort(int address) {
        try {
            return memory(address).readShort(address);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 2, e);
        }
    }

    @Override
    public int readInt(int address) {
        try {
            return memory(address).readInt(address);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4, e);
        }
    }

    @Override
    public long readLong(int address) {
        try {
            return memory(address).readLong(address);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8, e);
        }
    }

    @Override
    public float readFloat(int address) {
        try {
            return memory(address).readFloat(address);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4, e);
        }
    }

    @Override
    public double readDouble(int address) {
        try {
            return memory(address).readDouble(address);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8, e);
        }
    }

    @Override
    public byte[] readBytes(int address, int length) {
        try {
            return memory(address).readBytes(address, length);
        } catch (ChicoryException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw outOfBounds(address, length, e);
        }
    }

    @Override
    public void writeByte(int address, byte value) {
        try {
            memory(address).writeByte(address, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 1, e);
        }
    }

    @Override
    public void writeShort(int address, short value) {
        try {
            memory(address).writeShort(address, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 2, e);
        }
    }

    @Override
    public void writeInt(int address, int value) {
        try {
            memory(address).writeI32(address, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4, e);
        }
    }

    @Override
    public void writeLong(int address, long value) {
        try {
            memory(address).writeLong(address, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8, e);
        }
    }

    @Override
    public void writeFloat(int address, float value) {
        try {
            memory(address).writeF32(address, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 4, e);
        }
    }

    @Override
    public void writeDouble(int address, double value) {
        try {
            memory(address).writeF64(address, value);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, 8, e);
        }
    }

    @Override
    public void writeBytes(int address, byte[] source, int offset, int length) {
        try {
            memory(address).write(address, source, offset, length);
        } catch (ChicoryException | IndexOutOfBoundsException e) {
            throw outOfBounds(address, length, e);
        }
    }

    @Override
    public long sizeBytes() {
        return memory == null ? 0 : (long) memory.pages() * 65536L;
    }
}
