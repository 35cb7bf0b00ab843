package dev.theater.core.engine;

import dev.theater.core.WasmTrapException;
/**
 * A guest's linear memory, little-endian, addressed by unsigned 32-bit offsets held in an {@code int}.
 * Out-of-bounds access throws {@link WasmTrapException}.
 */
public interface GuestMemory {

    byte readByte(int address);

    short readShort(int address);

    int readInt(int address);

    long readLong(int address);

    float readFloat(int address);

    double readDouble(int address);

    byte[] readBytes(int address, int length);

    void writeByte(int address, byte value);

    void writeShort(int address, short value);

    void writeInt(int address, int value);

    void writeLong(int address, long value);

    void writeFloat(int address, float value);

    void writeDouble(int address, double value);

    void writeBytes(int address, byte[] source, int offset, int length);

    /** Current size in bytes. */
    long sizeBytes();
}
