package dev.theater.core.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A decoded, validated and (in compiler mode) compiled module, ready to instantiate any number of times; or a
 * component, whose core modules are compiled and whose imports and exports read as a core module's would (imports
 * {@code <interface>.<function>} with the core signature of their lowering, exports {@code <interface>#<function>},
 * {@code cabi_post_...} and {@code cabi_realloc}), so that everything above the engine treats both alike.
 */
public final class CompiledModule {

    private final String sourceName;
    private final String sha256;
    private final WasmModule module; // null for a component
    private final Function<Instance, Machine> machines; // null for a component
    private final ComponentModule component; // null for a core module
    private final MemoryBudget budget;
    private final List<dev.theater.core.engine.FunctionImport> imports;
    private final List<FunctionExport> exports;

    CompiledModule(String sourceName, String sha256, WasmModule module, Function<Instance, Machine> machines,
                   MemoryBudget budget) {
        this.sourceName = sourceName;
        this.sha256 = sha256;
        this.module = module;
        this.machines = machines;
        this.component = null;
        this.budget = budget;
        this.imports = readImports(module);
        this.exports = readExports(module, imports.size());
    }

    CompiledModule(String sourceName, String sha256, ComponentModule component, MemoryBudget budget) {
        this.sourceName = sourceName;
        this.sha256 = sha256;
        this.module = null;
        this.machines = null;
        this.component = component;
        this.budget = budget;
        this.imports = component.imports();
        this.exports = component.exports();
    }

    /** The same compiled module, reported under another name (the cache is keyed by content, not name). */
    CompiledModule withSourceName(String otherName) {
        return component != null ? new CompiledModule(otherName, sha256, component, budget)
                : new CompiledModule(otherName, sha256, module, machines, budget);
    }

    /** True if this was loaded from a component binary rather than a core module. */
    public boolean isComponent() {
        return component != null;
    }

    /**
     * The WIT type a component gives its import {@code <importModule>.<name>}; empty for a core module, whose
     * imports carry only core signatures.
     */
    public Optional<dev.theater.api.wit.WitFunction> componentImportType(String importModule, String name) {
        return component == null ? Optional.empty() : component.importType(importModule, name);
    }

    /** The WIT type of a component's export {@code <interface>#<function>}; empty for a core module. */
    public Optional<dev.theater.api.wit.WitFunction> componentExportType(String exportName) {
        return component == null ? Optional.empty() : component.exportType(exportName);
    }

    ComponentModule component() {
        return component;
    }

    public String sourceName() {
        return sourceName;
    }

    /** Hex SHA-256 of the module's bytes. */
    public String sha256() {
        return sha256;
    }

    public List<dev.theater.core.engine.FunctionImport> functionImports() {
        return imports;
    }

    public List<FunctionExport> functionExports() {
        return exports;
    }

    public Optional<FunctionExport> export(String name) {
        return exports.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The module's own memory limits, if it defines a memory. */
    Optional<MemoryLimits> declaredMemory() {
        if (module == null) {
            return Optional.empty();
        }
        return module.memorySection().filter(s -> s.memoryCount() > 0).map(s -> s.getMemory(0).limits());
    }

    /** An instance whose memory is charged to the budget of the engine that compiled this module. */
    public InstanceBuilder instantiate() {
        return new InstanceBuilder(this, budget);
    }

    WasmModule wasmModule() {
        return module;
    }

    Function<Instance, Machine> machines() {
        return machines;
    }

    private static List<dev.theater.core.engine.FunctionImport> readImports(WasmModule module) {
        List<dev.theater.core.engine.FunctionImport> result = new ArrayList<>();
        var section = module.importSection();
        for (int i = 0; i < section.importCount(); i++) {
            Import imp = section.getImport(i);
            if (imp.importType() == ExternalType.FUNCTION) {
                int typeIndex = ((FunctionImport) imp).typeIndex();
                result.add(new dev.theater.core.engine.FunctionImport(imp.module(), imp.name(),
                        ChicoryTypes.signature(module.typeSection().getType(typeIndex))));
            }
        }
        return List.copyOf(result);
    }

    private static List<FunctionExport> readExports(WasmModule module, int importedFunctions) {
        List<FunctionExport> result = new ArrayList<>();
        var section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            Export export = section.getExport(i);
            if (export.exportType() == ExternalType.FUNCTION) {
                result.add(new FunctionExport(export.name(), functionSignature(module, export.index(), importedFunctions)));
            }
        }
        return List.copyOf(result);
    }

    private static CoreSignature functionSignature(WasmModule module, int functionIndex, int importedFunctions) {
        if (functionIndex < importedFunctions) {
            // a re-exported import: find its type through the import section
            int seen = 0;
            var section = module.importSection();
            for (int i = 0; i < section.importCount(); i++) {
                Import imp = section.getImport(i);
                if (imp.importType() == ExternalType.FUNCTION && seen++ == functionIndex) {
                    return ChicoryTypes.signature(module.typeSection().getType(((FunctionImport) imp).typeIndex()));
                }
            }
        }
        int typeIndex = module.functionSection().getFunctionType(functionIndex - importedFunctions);
        return ChicoryTypes.signature(module.typeSection().getType(typeIndex));
    }
}
