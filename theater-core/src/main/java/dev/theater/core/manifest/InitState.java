package dev.theater.core.manifest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The initial state named by a manifest's {@code init_state}: the resolved file and its bytes (JSON
 * by convention; not parsed here). The bytes are copied in and out, so the record stays immutable.
 *
 * @param path the absolute, normalised file the bytes were read from
 * @param bytes the file's contents
 */
public record InitState(Path path, byte[] bytes) {

    public InitState {
        Objects.requireNonNull(path, "path");
        bytes = bytes.clone();
    }

    /** A copy of the file's contents. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitState other && path.equals(other.path) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "InitState[path=" + path + ", " + bytes.length + " bytes]";
    }
}
