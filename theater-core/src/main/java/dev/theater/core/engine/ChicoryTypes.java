package dev.theater.core.engine;

import dev.theater.core.WasmLinkException;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/** Converts between Chicory's value types and {@link CoreType}. */
final class ChicoryTypes {

    private ChicoryTypes() {
    }

    static CoreSignature signature(FunctionType type) {
        return new CoreSignature(coreTypes(type.params()), coreTypes(type.returns()));
    }

    static FunctionType functionType(CoreSignature signature) {
        return FunctionType.of(valTypes(signature.params()), valTypes(signature.results()));
    }

    private static List<CoreType> coreTypes(List<ValType> types) {
        List<CoreType> out = new ArrayList<>(types.size());
        for (ValType t : types) {
            out.add(coreType(t));
        }
        return out;
    }

    static CoreType coreType(ValType t) {
        if (t.equals(ValType.I32)) {
            return CoreType.I32;
        } else if (t.equals(ValType.I64)) {
            return CoreType.I64;
        } else if (t.equals(ValType.F32)) {
            return CoreType.F32;
        } else if (t.equals(ValType.F64)) {
            return CoreType.F64;
        }
        // v128 and reference types never appear in canonical ABI signatures
        throw new WasmLinkException("value type " + t + " is not supported at the host boundary");
    }

    private static List<ValType> valTypes(List<CoreType> types) {
        List<ValType> out = new ArrayList<>(types.size());
        for (CoreType t : types) {
            out.add(switch (t) {
                case I32 -> ValType.I32;
                case I64 -> ValType.I64;
                case F32 -> ValType.F32;
                case F64 -> ValType.F64;
            });
        }
        return out;
    }
}
