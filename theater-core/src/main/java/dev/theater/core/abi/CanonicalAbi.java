package dev.theater.core.abi;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import java.util.ArrayList;
import java.util.List;

/** The canonical ABI of single WIT types: layout, flattening, and lifting/lowering one value. */
public final class CanonicalAbi {

    /** The spec's MAX_FLAT_PARAMS: more flat params than this travel through memory. */
    public static final int MAX_FLAT_PARAMS = 16;
    /** The spec's MAX_FLAT_RESULTS: more flat results than this travel through a return pointer. */
    public static final int MAX_FLAT_RESULTS = 1;

    private CanonicalAbi() {
    }

    /** The spec's {@code elem_size}. */
    public static int size(WitType type) {
        return Codecs.of(type).size;
    }

    /** The spec's {@code alignment}. */
    public static int alignment(WitType type) {
        return Codecs.of(type).align;
    }

    /** The spec's {@code flatten_type}. */
    public static List<CoreType> flatten(WitType type) {
        return Codecs.of(type).flatTypes();
    }

    /** The spec's {@code flatten_types}. */
    public static List<CoreType> flatten(List<WitType> types) {
        List<CoreType> flat = new ArrayList<>();
        types.forEach(t -> flat.addAll(flatten(t)));
        return List.copyOf(flat);
    }

    /** Stores {@code value} at {@code ptr}, which must be aligned and have {@link #size} bytes in memory. */
    public static void store(AbiContext cx, WitType type, WitValue value, int ptr) {
        Codec codec = Codecs.of(type);
        checkTarget(cx, codec, ptr);
        codec.store(cx, value, ptr);
    }

    /** Loads a value of {@code type} from {@code ptr}, checking alignment and bounds first. */
    public static WitValue load(AbiContext cx, WitType type, int ptr) {
        Codec codec = Codecs.of(type);
        cx.checkRange(ptr, codec.size, codec.align, type);
        return codec.load(cx, ptr);
    }

    /** The flat values of {@code value} (strings and lists are copied into the guest). */
    public static long[] lowerFlat(AbiContext cx, WitType type, WitValue value) {
        Codec codec = Codecs.of(type);
        long[] out = new long[codec.flat.length];
        codec.lowerFlat(cx, value, out, 0);
        return out;
    }

    /** The value of {@code type} held by {@code flat}. */
    public static WitValue liftFlat(AbiContext cx, WitType type, long[] flat) {
        Codec codec = Codecs.of(type);
        if (flat.length != codec.flat.length) {
            throw cx.liftError(type, "needs " + codec.flat.length + " flat values, got " + flat.length);
        }
        return codec.liftFlat(cx, flat, 0);
    }

    private static void checkTarget(AbiContext cx, Codec codec, int ptr) {
        if ((ptr & (codec.align - 1)) != 0 || Integer.toUnsignedLong(ptr) + codec.size > cx.memory().sizeBytes()) {
            throw cx.lowerError(codec.type, "target " + AbiContext.hex(ptr) + " is misaligned or outside memory");
        }
    }
}
