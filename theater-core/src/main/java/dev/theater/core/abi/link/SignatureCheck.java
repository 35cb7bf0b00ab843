package dev.theater.core.abi.link;

import dev.theater.api.wit.WitInterfaceName;
import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.core.abi.FunctionAbi;
import dev.theater.core.component.WitShapes;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.CoreSignature;
import dev.theater.core.engine.FunctionExport;
import dev.theater.core.engine.FunctionImport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compares a module's imports and exports under known WIT interfaces with the core signatures their WIT functions need. */
final class SignatureCheck {

    private SignatureCheck() {
    }

    static CoreSignature importSignature(FunctionAbi abi) {
        return CoreSignature.of(abi.importParams(), abi.importResults());
    }

    static CoreSignature exportSignature(FunctionAbi abi) {
        return CoreSignature.of(abi.exportParams(), abi.exportResults());
    }

    /** Every mismatch, each a sentence naming the core function and the WIT function. */
    static List<String> problems(CompiledModule module, Map<String, WitInterface> known, FunctionAbis abis) {
        List<String> problems = new ArrayList<>();
        for (FunctionImport imp : module.functionImports()) {
            WitInterface iface = known.get(WitInterfaceName.unversioned(imp.module()));
            if (iface != null) {
                Optional<String> problem = module.componentImportType(imp.module(), imp.name())
                        .flatMap(type -> checkType("component import '" + imp.qualifiedName() + "'", iface, imp.name(), type));
                problem.or(() -> check("import '" + imp.qualifiedName() + "'", iface, imp.name(), imp.signature(), true, abis))
                        .ifPresent(problems::add);
            }
        }
        for (FunctionExport exp : module.functionExports()) {
            WitInterface iface = known.get(WitNames.exportInterface(exp.name()));
            if (iface != null) {
                String function = WitNames.exportFunction(exp.name());
                Optional<String> problem = module.componentExportType(exp.name())
                        .flatMap(type -> checkType("component export '" + exp.name() + "'", iface, function, type));
                problem.or(() -> check("export '" + exp.name() + "'", iface, function, exp.signature(), false, abis))
                        .ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** A component's function type against the WIT function of the same name: equal by structure, or a problem naming both. */
    static Optional<String> checkType(String what, WitInterface iface, String function, WitFunction componentType) {
        Optional<WitFunction> fn = iface.function(function);
        if (fn.isEmpty()) {
            return Optional.of(what + " is not a function of WIT interface " + iface.qualifiedName() + ", which has "
                    + iface.functions().keySet());
        }
        if (!WitShapes.same(fn.get(), componentType)) {
            return Optional.of(what + " has type " + WitShapes.describe(componentType) + " but WIT "
                    + iface.qualifiedName() + "." + function + " is " + WitShapes.describe(fn.get()));
        }
        return Optional.empty();
    }

    static Optional<String> check(String what, WitInterface iface, String function, CoreSignature actual,
                                  boolean isImport, FunctionAbis abis) {
        Optional<WitFunction> fn = iface.function(function);
        if (fn.isEmpty()) {
            return Optional.of(what + " is not a function of WIT interface " + iface.qualifiedName() + ", which has "
                    + iface.functions().keySet());
        }
        FunctionAbi abi = abis.of(fn.get());
        CoreSignature needed = isImport ? importSignature(abi) : exportSignature(abi);
        if (!needed.equals(actual)) {
            return Optional.of(what + " has core signature " + actual + " but WIT '" + abi.describe() + "' needs " + needed);
        }
        return Optional.empty();
    }
}
