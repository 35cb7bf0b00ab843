package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import java.util.ArrayList;
import java.util.List;

/** {@code record} and {@code tuple}: fields laid out in order, each at its own alignment; flat values concatenated. */
final class RecordCodec extends Codec {

    private final Codec[] fields;
    private final int[] offsets;
    private final int[] flatOffsets;
    private final boolean tuple;

    private RecordCodec(WitType type, Codec[] fields, Layout layout, boolean tuple) {
        super(type, layout.size, layout.align, layout.flat);
        this.fields = fields;
        this.offsets = layout.offsets;
        this.flatOffsets = layout.flatOffsets;
        this.tuple = tuple;
    }

    static RecordCodec of(WitType type, List<Codec> fields, boolean tuple) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException(type.wit() + " has no fields; empty records and tuples are not valid");
        }
        Codec[] array = fields.toArray(Codec[]::new);
        return new RecordCodec(type, array, Layout.of(array), tuple);
    }

    private record Layout(int size, int align, int[] offsets, int[] flatOffsets, CoreType[] flat) {
        static Layout of(Codec[] fields) {
            int offset = 0;
            int align = 1;
            int[] offsets = new int[fields.length];
            int[] flatOffsets = new int[fields.length];
            List<CoreType> flat = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                offset = Layouts.alignTo(offset, fields[i].align);
                offsets[i] = offset;
                offset += fields[i].size;
                align = Math.max(align, fields[i].align);
                flatOffsets[i] = flat.size();
                flat.addAll(fields[i].flatTypes());
            }
            return new Layout(Layouts.alignTo(offset, align), align, offsets, flatOffsets, flat.toArray(CoreType[]::new));
        }
    }

    /** The field codecs, in order. */
    Codec field(int i) {
        return fields[i];
    }

    int fieldOffset(int i) {
        return offsets[i];
    }

    int fieldCount() {
        return fields.length;
    }

    @Override
    void store(AbiContext cx, WitValue value, int ptr) {
        List<WitValue> parts = partsOf(cx, value);
        for (int i = 0; i < fields.length; i++) {
            fields[i].store(cx, parts.get(i), ptr + offsets[i]);
        }
    }

    @Override
    WitValue load(AbiContext cx, int ptr) {
        WitValue[] parts = new WitValue[fields.length];
        for (int i = 0; i < fields.length; i++) {
            parts[i] = fields[i].load(cx, ptr + offsets[i]);
        }
        return make(parts);
    }

    @Override
    void lowerFlat(AbiContext cx, WitValue value, long[] out, int at) {
        List<WitValue> parts = partsOf(cx, value);
        for (int i = 0; i < fields.length; i++) {
            fields[i].lowerFlat(cx, parts.get(i), out, at + flatOffsets[i]);
        }
    }

    @Override
    WitValue liftFlat(AbiContext cx, long[] in, int at) {
        WitValue[] parts = new WitValue[fields.length];
        for (int i = 0; i < fields.length; i++) {
            parts[i] = fields[i].liftFlat(cx, in, at + flatOffsets[i]);
        }
        return make(parts);
    }

    private List<WitValue> partsOf(AbiContext cx, WitValue value) {
        List<WitValue> parts = switch (value) {
            case WitValue.TupleValue t when tuple -> t.elements();
            case WitValue.RecordValue r when !tuple -> r.fields();
            default -> throw cx.wrongValue(type, value);
        };
        if (parts.size() != fields.length) {
            throw cx.lowerError(type, "got " + parts.size() + (tuple ? " elements" : " fields") + ", needs "
                    + fields.length + ": " + value);
        }
        return parts;
    }

    private WitValue make(WitValue[] parts) {
        return tuple ? new WitValue.TupleValue(List.of(parts)) : new WitValue.RecordValue(List.of(parts));
    }
}
