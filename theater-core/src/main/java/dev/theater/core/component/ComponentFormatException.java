package dev.theater.core.component;

/** Malformed or unsupported component bytes at an offset; {@link ComponentParser} adds the file and section. */
final class ComponentFormatException extends RuntimeException {

    private final int offset;

    ComponentFormatException(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
