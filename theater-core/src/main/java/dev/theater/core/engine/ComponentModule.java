package dev.theater.core.engine;

import dev.theater.api.wit.WitFunction;
import dev.theater.core.WasmLoadException;
import dev.theater.core.abi.FunctionAbi;
import dev.theater.core.component.ComponentPlan;
import dev.theater.core.component.ComponentPlan.CoreInstance;
import dev.theater.core.component.ComponentPlan.CoreRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A component's plan with its core modules compiled, and the core-module view of it that the linker sees: one import
 * per function of each imported interface (with the core signature its lowering has), one export per lifted function
 * (named {@code <interface>#<function>}), its post-return as {@code cabi_post_<export>}, and the component's
 * {@code realloc} as {@code cabi_realloc}.
 */
record ComponentModule(ComponentPlan plan, List<CompiledModule> modules, List<FunctionImport> imports,
                       List<FunctionExport> exports, Map<String, CoreRef> exportTargets,
                       Map<String, WitFunction> importTypes, Map<String, WitFunction> exportTypes) {

    static ComponentModule of(String sourceName, ComponentPlan plan, List<CompiledModule> modules) {
        List<FunctionImport> imports = new ArrayList<>();
        Map<String, WitFunction> importTypes = new LinkedHashMap<>();
        plan.imports().forEach((iface, imported) -> imported.functions().forEach((name, type) -> {
            FunctionAbi abi = FunctionAbi.of(type);
            imports.add(new FunctionImport(iface, name, CoreSignature.of(abi.importParams(), abi.importResults())));
            importTypes.put(iface + "\u0000" + name, type);
        }));
        List<FunctionExport> exports = new ArrayList<>();
        Map<String, CoreRef> targets = new LinkedHashMap<>();
        Map<String, WitFunction> exportTypes = new LinkedHashMap<>();
        plan.exports().forEach((iface, functions) -> functions.forEach((name, lifted) -> {
            String exportName = iface.isEmpty() ? name : iface + "#" + name;
            add(sourceName, plan, modules, exports, targets, exportName, lifted.core());
            lifted.options().postReturn().ifPresent(post ->
                    add(sourceName, plan, modules, exports, targets, "cabi_post_" + exportName, post));
            exportTypes.put(exportName, lifted.type());
        }));
        plan.realloc().ifPresent(r -> add(sourceName, plan, modules, exports, targets, "cabi_realloc", r));
        return new ComponentModule(plan, List.copyOf(modules), List.copyOf(imports), List.copyOf(exports),
                Map.copyOf(targets), Map.copyOf(importTypes), Map.copyOf(exportTypes));
    }

    private static void add(String sourceName, ComponentPlan plan, List<CompiledModule> modules, List<FunctionExport> exports,
                            Map<String, CoreRef> targets, String exportName, CoreRef ref) {
        CompiledModule module = moduleOf(sourceName, plan, modules, ref.instance());
        FunctionExport core = module.export(ref.name()).orElseThrow(() -> new WasmLoadException(sourceName + ": '"
                + exportName + "' lifts export '" + ref.name() + "' of core instance " + ref.instance() + " ("
                + module.sourceName() + "), which has no such function export", null));
        if (targets.putIfAbsent(exportName, ref) == null) {
            exports.add(new FunctionExport(exportName, core.signature()));
        }
    }

    /** The compiled module core instance {@code instance} instantiates. */
    static CompiledModule moduleOf(String sourceName, ComponentPlan plan, List<CompiledModule> modules, int instance) {
        if (plan.coreInstances().get(instance) instanceof CoreInstance.Instantiate inst) {
            return modules.get(inst.module());
        }
        throw new WasmLoadException(sourceName + ": core instance " + instance + " is not an instantiated module", null);
    }

    Optional<WitFunction> importType(String importModule, String name) {
        return Optional.ofNullable(importTypes.get(importModule + "\u0000" + name));
    }

    Optional<WitFunction> exportType(String exportName) {
        return Optional.ofNullable(exportTypes.get(exportName));
    }

}
