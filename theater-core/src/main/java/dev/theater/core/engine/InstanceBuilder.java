package dev.theater.core.engine;

import dev.theater.core.WasmTrapException;
import dev.theater.core.WasmLinkException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assembles one instance of a {@link CompiledModule}: its host functions and its limits. */
public final class InstanceBuilder {

    private record Provided(CoreSignature signature, HostCall call) {}

    private final CompiledModule module;
    private final Map<String, Provided> hostFunctions = new LinkedHashMap<>();
    private int maxMemoryPages = -1;

    InstanceBuilder(CompiledModule module) {
        this.module = module;
    }

    /** Provides {@code module.name} with the given core signature. Unused host functions are fine. */
    public InstanceBuilder hostFunction(String importModule, String name, CoreSignature signature, HostCall call) {
        String key = importModule + "\u0000" + name;
        if (hostFunctions.putIfAbsent(key, new Provided(signature, call)) != null) {
            throw new IllegalArgumentException("host function " + importModule + "." + name + " is defined twice");
        }
        return this;
    }

    /** Caps linear memory at {@code pages} pages of 64 KiB; the module's own maximum applies if lower. */
    public InstanceBuilder maxMemoryPages(int pages) {
        if (pages < 0 || pages > 65536) {
            throw new IllegalArgumentException("max memory pages must be within 0..65536, was " + pages);
        }
        this.maxMemoryPages = pages;
        return this;
    }

    /**
     * Links and instantiates (running the module's start function, if any).
     *
     * @throws WasmLinkException if an import is not provided or is provided with another signature,
     *                           or the memory limit is below what the module needs
     */
    public ModuleInstance build() {
        List<ImportFunction> functions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        ModuleInstance[] self = new ModuleInstance[1]; // host calls need the instance that is being built
        for (FunctionImport imp : module.functionImports()) {
            Provided provided = hostFunctions.get(imp.module() + "\u0000" + imp.name());
            if (provided == null) {
                problems.add("import '" + imp.qualifiedName() + "' " + imp.signature() + " is not provided by the host");
            } else if (!provided.signature().equals(imp.signature())) {
                problems.add("import '" + imp.qualifiedName() + "' has core signature " + imp.signature()
                        + " but the host provides " + provided.signature());
            } else {
                HostCall call = provided.call();
                functions.add(new HostFunction(imp.module(), imp.name(), ChicoryTypes.functionType(imp.signature()),
                        (instance, args) -> call.call(self[0], args)));
            }
        }
        var importSection = module.wasmModule().importSection();
        for (int i = 0; i < importSection.importCount(); i++) {
            var imp = importSection.getImport(i);
            if (imp.importType() != ExternalType.FUNCTION) {
                problems.add("import '" + imp.module() + "." + imp.name() + "' is a " + imp.importType().name().toLowerCase()
                        + "; only function imports are supported (the module must define its own memory)");
            }
        }
        if (!problems.isEmpty()) {
            throw new WasmLinkException(module.sourceName() + ": " + String.join("; ", problems));
        }
        Instance.Builder builder = Instance.builder(module.wasmModule())
                .withImportValues(ImportValues.builder().withFunctions(functions).build())
                .withMachineFactory(module.machines());
        memoryLimits().ifPresent(builder::withMemoryLimits);
        Instance instance;
        try {
            instance = builder.build();
        } catch (ChicoryException e) {
            throw new WasmTrapException(module.sourceName() + ": instantiation failed: " + e.getMessage(), e);
        }
        self[0] = new ModuleInstance(module, instance);
        return self[0];
    }

    private Optional<MemoryLimits> memoryLimits() {
        if (maxMemoryPages < 0) {
            return Optional.empty();
        }
        Optional<MemoryLimits> declared = module.declaredMemory();
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        int initial = declared.get().initialPages();
        if (initial > maxMemoryPages) {
            throw new WasmLinkException(module.sourceName() + ": the module needs " + initial
                    + " pages of memory at start but the limit is " + maxMemoryPages + " pages");
        }
        int max = Math.min(declared.get().maximumPages(), maxMemoryPages);
        return Optional.of(new MemoryLimits(initial, max));
    }
}
