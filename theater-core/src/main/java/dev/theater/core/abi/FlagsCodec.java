package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;

/** {@code flags} with 1 to 32 flags: a bit vector of 1, 2 or 4 bytes. Unknown bits are ignored when lifting, refused when lowering. */
final class FlagsCodec extends ScalarCodec {

    private final int mask;

    FlagsCodec(WitType.Flags type) {
        super(type, sizeFor(type), CoreType.I32);
        int n = type.flags().size();
        this.mask = n == 32 ? -1 : (1 << n) - 1;
    }

    private static int sizeFor(WitType.Flags type) {
        int n = type.flags().size();
        if (n < 1 || n > 32) {
            throw new IllegalArgumentException("flags " + type.name() + " has " + n + " flags; 1 to 32 are supported");
        }
        return n <= 8 ? 1 : n <= 16 ? 2 : 4;
    }

    @Override
    long toFlat(AbiContext cx, WitValue value) {
        if (value instanceof WitValue.FlagsValue(int bits) && (bits & ~mask) == 0) {
            return bits;
        }
        throw cx.wrongValue(type, value);
    }

    @Override
    WitValue fromFlat(AbiContext cx, long flatValue) {
        return new WitValue.FlagsValue((int) flatValue & mask);
    }
}
