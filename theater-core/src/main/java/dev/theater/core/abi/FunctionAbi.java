package dev.theater.core.abi;

import dev.theater.core.AbiException;
import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.engine.CoreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical ABI of one WIT function: its core signatures and the lowering/lifting of its parameters and
 * result, spilling to memory past {@link CanonicalAbi#MAX_FLAT_PARAMS} params or {@link CanonicalAbi#MAX_FLAT_RESULTS}
 * results. "Export" methods serve the host calling the guest, "import" methods the guest calling the host.
 * Immutable and thread-safe; build it once per function.
 */
public final class FunctionAbi {

    private static final long[] NO_VALUES = new long[0];

    private final WitFunction function;
    private final Codec[] params;
    private final RecordCodec paramTuple;
    private final int[] flatOffsets;
    private final Codec result; // null when the function returns nothing
    private final boolean spillParams;
    private final boolean spillResult;
    private final List<CoreType> flatParams;
    private final List<CoreType> flatResults;

    private FunctionAbi(WitFunction function) {
        this.function = function;
        List<WitType> paramTypes = function.params().stream().map(WitFunction.Param::type).toList();
        this.params = paramTypes.stream().map(Codecs::of).toArray(Codec[]::new);
        this.paramTuple = paramTypes.isEmpty() ? null : (RecordCodec) Codecs.of(new WitType.Tuple(paramTypes));
        this.flatOffsets = new int[params.length];
        List<CoreType> flat = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            flatOffsets[i] = flat.size();
            flat.addAll(params[i].flatTypes());
        }
        this.flatParams = List.copyOf(flat);
        this.result = function.result().map(Codecs::of).orElse(null);
        this.flatResults = result == null ? List.of() : result.flatTypes();
        this.spillParams = flatParams.size() > CanonicalAbi.MAX_FLAT_PARAMS;
        this.spillResult = flatResults.size() > CanonicalAbi.MAX_FLAT_RESULTS;
    }

    public static FunctionAbi of(WitFunction function) {
        return new FunctionAbi(function);
    }

    public WitFunction function() {
        return function;
    }

    /** Core params of the guest export implementing this function (the spec's 'lift' context). */
    public List<CoreType> exportParams() {
        return spillParams ? List.of(CoreType.I32) : flatParams;
    }

    /** Core results of the guest export: a pointer to the result when it does not fit in one value. */
    public List<CoreType> exportResults() {
        return spillResult ? List.of(CoreType.I32) : flatResults;
    }

    /** Core params of the guest import of this function (the spec's 'lower' context), with a trailing return pointer if needed. */
    public List<CoreType> importParams() {
        List<CoreType> base = exportParams();
        if (!spillResult) {
            return base;
        }
        List<CoreType> withRetptr = new ArrayList<>(base);
        withRetptr.add(CoreType.I32);
        return List.copyOf(withRetptr);
    }

    /** Core results of the guest import: none when a return pointer is passed. */
    public List<CoreType> importResults() {
        return spillResult ? List.of() : flatResults;
    }

    /** Host to guest: the core arguments for the export, allocating strings, lists and spilled params with cabi_realloc. */
    public long[] lowerArgs(AbiContext cx, List<WitValue> args) {
        checkArity(cx, args);
        if (spillParams) {
            int ptr = cx.allocate(paramTuple.align, paramTuple.size, paramTuple.type);
            for (int i = 0; i < params.length; i++) {
                params[i].store(cx, args.get(i), ptr + paramTuple.fieldOffset(i));
            }
            return new long[] {ptr};
        }
        long[] out = new long[flatParams.size()];
        for (int i = 0; i < params.length; i++) {
            params[i].lowerFlat(cx, args.get(i), out, flatOffsets[i]);
        }
        return out;
    }

    /** Host to guest: the export's result from its core results (reading through the returned pointer if spilled). */
    public Optional<WitValue> liftResult(AbiContext cx, long[] results) {
        if (result == null) {
            return Optional.empty();
        }
        if (spillResult) {
            int ptr = (int) results[0];
            cx.checkRange(ptr, result.size, result.align, result.type);
            return Optional.of(result.load(cx, ptr));
        }
        return Optional.of(result.liftFlat(cx, results, 0));
    }

    /** Guest to host: the arguments of an import call (reading the params tuple from memory if spilled). */
    public List<WitValue> liftArgs(AbiContext cx, long[] args) {
        WitValue[] values = new WitValue[params.length];
        if (spillParams) {
            int ptr = (int) args[0];
            cx.checkRange(ptr, paramTuple.size, paramTuple.align, paramTuple.type);
            for (int i = 0; i < params.length; i++) {
                values[i] = params[i].load(cx, ptr + paramTuple.fieldOffset(i));
            }
        } else {
            for (int i = 0; i < params.length; i++) {
                values[i] = params[i].liftFlat(cx, args, flatOffsets[i]);
            }
        }
        return List.of(values);
    }

    /** Guest to host: the import's core results, or none after storing the result through the guest's return pointer. */
    public long[] lowerResult(AbiContext cx, Optional<WitValue> value, long[] args) {
        if (result == null) {
            if (value.isPresent()) {
                throw new AbiException(cx.site() + ": WIT '" + describe() + "' returns nothing, but the host returned "
                        + value.get());
            }
            return NO_VALUES;
        }
        if (value.isEmpty()) {
            throw new AbiException(cx.site() + ": WIT '" + describe() + "' returns " + result.type.wit()
                    + ", but the host returned nothing");
        }
        if (spillResult) {
            int retptr = (int) args[args.length - 1];
            if ((retptr & (result.align - 1)) != 0 || Integer.toUnsignedLong(retptr) + result.size > cx.memory().sizeBytes()) {
                throw cx.lowerError(result.type, "return pointer " + AbiContext.hex(retptr) + " is misaligned or outside memory");
            }
            result.store(cx, value.get(), retptr);
            return NO_VALUES;
        }
        long[] out = new long[flatResults.size()];
        result.lowerFlat(cx, value.get(), out, 0);
        return out;
    }

    /** {@code name: func(...) -> ...}, as errors show the function. */
    public String describe() {
        return function.name() + ": " + function.signature();
    }

    private void checkArity(AbiContext cx, List<WitValue> args) {
        if (args.size() != params.length) {
            throw new AbiException(cx.site() + ": WIT '" + describe() + "' takes " + params.length + " argument"
                    + (params.length == 1 ? "" : "s") + ", got " + args.size());
        }
    }
}
