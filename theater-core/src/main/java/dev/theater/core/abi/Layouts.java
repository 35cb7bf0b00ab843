package dev.theater.core.abi;

/** Small layout rules shared by the codecs. */
final class Layouts {

    private Layouts() {
    }

    static int alignTo(int offset, int align) {
        return (offset + align - 1) & -align;
    }

    /** The spec's {@code discriminant_type}: u8 up to 256 cases, u16 up to 65536, else u32. */
    static int discriminantSize(int cases) {
        if (cases < 1) {
            throw new IllegalArgumentException("a variant needs at least one case");
        }
        return cases <= 256 ? 1 : cases <= 65536 ? 2 : 4;
    }
}
