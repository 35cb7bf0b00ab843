package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code variant}, {@code option} and {@code result}: a discriminant sized by case count, then the payload at the
 * largest case alignment. Flat: an i32 discriminant, then the cases' flat types joined slot by slot.
 */
final class VariantCodec extends Codec {

    /** Which WitValue shape the variant lifts to and lowers from. */
    enum Shape { VARIANT, OPTION, RESULT }

    private static final WitValue NONE = WitValue.OptionValue.none();

    private final Shape shape;
    private final Codec[] cases; // null for a case without payload
    private final int discSize;
    private final int payloadOffset;
    private final int[][] widened; // per case: payload slots that sit in an i64 joined slot but are 32-bit

    VariantCodec(WitType type, Shape shape, List<Optional<Codec>> caseCodecs) {
        this(type, shape, caseCodecs.stream().map(c -> c.orElse(null)).toArray(Codec[]::new));
    }

    private VariantCodec(WitType type, Shape shape, Codec[] cases) {
        super(type, sizeOf(cases), alignOf(cases), joinedFlat(cases));
        this.shape = shape;
        this.cases = cases;
        this.discSize = Layouts.discriminantSize(cases.length);
        this.payloadOffset = Layouts.alignTo(discSize, maxCaseAlign(cases));
        this.widened = new int[cases.length][];
        for (int i = 0; i < cases.length; i++) {
            widened[i] = cases[i] == null ? new int[0] : widenedSlots(cases[i].flat, flat);
        }
    }

    private static int maxCaseAlign(Codec[] cases) {
        int a = 1;
        for (Codec c : cases) {
            a = c == null ? a : Math.max(a, c.align);
        }
        return a;
    }

    private static int alignOf(Codec[] cases) {
        return Math.max(Layouts.discriminantSize(cases.length), maxCaseAlign(cases));
    }

    private static int sizeOf(Codec[] cases) {
        int s = Layouts.alignTo(Layouts.discriminantSize(cases.length), maxCaseAlign(cases));
        int payload = 0;
        for (Codec c : cases) {
            payload = c == null ? payload : Math.max(payload, c.size);
        }
        return Layouts.alignTo(s + payload, alignOf(cases));
    }

    /** The spec's flatten_variant: i32, then per slot the join of every case's flat type there. */
    static CoreType[] joinedFlat(Codec[] cases) {
        List<CoreType> flat = new ArrayList<>();
        flat.add(CoreType.I32);
        for (Codec c : cases) {
            if (c == null) {
                continue;
            }
            for (int i = 0; i < c.flat.length; i++) {
                if (i + 1 < flat.size()) {
                    flat.set(i + 1, join(flat.get(i + 1), c.flat[i]));
                } else {
                    flat.add(c.flat[i]);
                }
            }
        }
        return flat.toArray(CoreType[]::new);
    }

    static CoreType join(CoreType a, CoreType b) {
        if (a == b) {
            return a;
        }
        if ((a == CoreType.I32 && b == CoreType.F32) || (a == CoreType.F32 && b == CoreType.I32)) {
            return CoreType.I32;
        }
        return CoreType.I64;
    }

    private static int[] widenedSlots(CoreType[] payload, CoreType[] joined) {
        return java.util.stream.IntStream.range(0, payload.length)
                .filter(i -> joined[i + 1] == CoreType.I64 && (payload[i] == CoreType.I32 || payload[i] == CoreType.F32))
                .toArray();
    }

    @Override
    void lowerFlat(AbiContext cx, WitValue value, long[] out, int at) {
        int index = caseOf(cx, value);
        out[at] = index;
        Codec c = cases[index];
        int used = 0;
        if (c != null) {
            c.lowerFlat(cx, payloadOf(value), out, at + 1);
            for (int slot : widened[index]) {
                out[at + 1 + slot] &= 0xFFFF_FFFFL; // the spec zero-extends an i32 into an i64 slot
            }
            used = c.flat.length;
        }
        for (int i = at + 1 + used; i < at + flat.length; i++) {
            out[i] = 0;
        }
    }

    // Every 32-bit consumer casts its slot to int, which is the spec's wrap_i64_to_i32 for widened slots.
    @Override
    WitValue liftFlat(AbiContext cx, long[] in, int at) {
        int index = checkedCase(cx, (int) in[at]);
        Codec c = cases[index];
        return make(index, c == null ? null : c.liftFlat(cx, in, at + 1));
    }

    @Override
    void store(AbiContext cx, WitValue value, int ptr) {
        int index = caseOf(cx, value);
        switch (discSize) {
            case 1 -> cx.memory().writeByte(ptr, (byte) index);
            case 2 -> cx.memory().writeShort(ptr, (short) index);
            default -> cx.memory().writeInt(ptr, index);
        }
        Codec c = cases[index];
        if (c != null) {
            c.store(cx, payloadOf(value), ptr + payloadOffset);
        }
    }

    @Override
    WitValue load(AbiContext cx, int ptr) {
        int raw = switch (discSize) {
            case 1 -> cx.memory().readByte(ptr) & 0xFF;
            case 2 -> cx.memory().readShort(ptr) & 0xFFFF;
            default -> cx.memory().readInt(ptr);
        };
        int index = checkedCase(cx, raw);
        Codec c = cases[index];
        return make(index, c == null ? null : c.load(cx, ptr + payloadOffset));
    }

    private int checkedCase(AbiContext cx, int index) {
        if (Integer.compareUnsigned(index, cases.length) >= 0) {
            throw cx.liftError(type, "invalid discriminant " + Integer.toUnsignedString(index) + " (" + cases.length + " cases)");
        }
        return index;
    }

    /** The case index of {@code value}, after checking that its payload matches the case. */
    private int caseOf(AbiContext cx, WitValue value) {
        int index;
        Optional<WitValue> payload;
        switch (value) {
            case WitValue.VariantValue v when shape == Shape.VARIANT -> {
                index = v.caseIndex();
                payload = v.payload();
            }
            case WitValue.OptionValue o when shape == Shape.OPTION -> {
                index = o.value().isPresent() ? 1 : 0;
                payload = o.value();
            }
            case WitValue.ResultValue r when shape == Shape.RESULT -> {
                index = r.ok() ? 0 : 1;
                payload = r.payload();
            }
            default -> throw cx.wrongValue(type, value);
        }
        if (index < 0 || index >= cases.length) {
            throw cx.lowerError(type, "case " + index + " does not exist (" + cases.length + " cases): " + value);
        }
        if (payload.isPresent() != (cases[index] != null)) {
            throw cx.lowerError(type, "case " + index + (cases[index] == null ? " takes no payload" : " needs a payload")
                    + ": " + value);
        }
        return index;
    }

    private static WitValue payloadOf(WitValue value) {
        return switch (value) {
            case WitValue.VariantValue v -> v.payload().orElseThrow();
            case WitValue.OptionValue o -> o.value().orElseThrow();
            case WitValue.ResultValue r -> r.payload().orElseThrow();
            default -> throw new IllegalStateException("checked by caseOf");
        };
    }

    private WitValue make(int index, WitValue payload) {
        return switch (shape) {
            case VARIANT -> new WitValue.VariantValue(index, Optional.ofNullable(payload));
            case OPTION -> index == 0 ? NONE : WitValue.OptionValue.some(payload);
            case RESULT -> new WitValue.ResultValue(index == 0, Optional.ofNullable(payload));
        };
    }
}
