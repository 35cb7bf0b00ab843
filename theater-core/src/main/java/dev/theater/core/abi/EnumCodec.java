package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;

/** {@code enum}: a variant without payloads, so just its discriminant (1, 2 or 4 bytes by case count). */
final class EnumCodec extends ScalarCodec {

    private final int cases;
    private final WitValue.EnumValue[] values;

    EnumCodec(WitType.Enum type) {
        super(type, Layouts.discriminantSize(type.cases().size()), CoreType.I32);
        this.cases = type.cases().size();
        int cached = Math.min(cases, 256);
        this.values = new WitValue.EnumValue[cached];
        for (int i = 0; i < cached; i++) {
            values[i] = new WitValue.EnumValue(i);
        }
    }

    @Override
    long toFlat(AbiContext cx, WitValue value) {
        if (value instanceof WitValue.EnumValue(int index) && index >= 0 && index < cases) {
            return index;
        }
        throw cx.wrongValue(type, value);
    }

    @Override
    WitValue fromFlat(AbiContext cx, long flatValue) {
        int index = (int) flatValue;
        if (Integer.compareUnsigned(index, cases) >= 0) {
            throw cx.liftError(type, "invalid discriminant " + Integer.toUnsignedString(index) + " (" + cases + " cases)");
        }
        return index < values.length ? values[index] : new WitValue.EnumValue(index);
    }
}
