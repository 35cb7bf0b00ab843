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

    /** A host function as provided: its core signature and its implementation. */
    record Provided(CoreSignature signature, HostCall call) {}

    private final CompiledModule module;
    private final Map<String, Provided> hostFunctions = new LinkedHashMap<>();
    private int maxMemoryPages = -1;
    private MemoryBudget budget;

    InstanceBuilder(CompiledModule module, MemoryBudget budget) {
        this.module = module;
        this.budget = budget;
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

    /** Charges this instance's memory to {@code memoryBudget} instead of the engine's. */
    public InstanceBuilder memoryBudget(MemoryBudget memoryBudget) {
        this.budget = java.util.Objects.requireNonNull(memoryBudget, "memoryBudget");
        return this;
    }

    /**
     * Links and instantiates (running the module's start function, if any).
     *
     * @throws WasmLinkException if an import is not provided or is provided with another signature,
     *                           or the memory limit is below what the module needs
     */
    public ModuleInstance build() {
        if (module.isComponent()) {
            checkComponentImports();
            return ComponentInstances.build(module, (m, n) -> hostFunctions.get(m + "\u0000" + n), maxMemoryPages, budget);
        }
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
        BudgetedMemory[] memory = new BudgetedMemory[1];
        Instance.Builder builder = Instance.builder(module.wasmModule())
                .withImportValues(ImportValues.builder().withFunctions(functions).build())
                .withMachineFactory(module.machines())
                .withMemoryFactory(limits -> memory[0] = BudgetedMemory.create(limits, budget));
        memoryLimits(module, maxMemoryPages).ifPresent(builder::withMemoryLimits);
        Instance instance;
        try {
            instance = builder.build();
        } catch (BudgetedMemory.MemoryBudgetExhaustedException e) {
            throw new WasmLinkException(module.sourceName() + ": " + e.getMessage());
        } catch (ChicoryException e) {
            release(memory[0]);
            throw new WasmTrapException(module.sourceName() + ": instantiation failed: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            release(memory[0]);
            throw new WasmLinkException(module.sourceName() + ": the JVM could not allocate the instance (" + e.getMessage()
                    + "); give it a larger heap or lower the guest memory budget");
        } catch (RuntimeException | StackOverflowError e) {
            release(memory[0]); // a start function's host call failed, or it recursed too deep
            throw new WasmTrapException(module.sourceName() + ": instantiation failed: " + e, e);
        }
        self[0] = new ModuleInstance(module, instance, memory[0]);
        return self[0];
    }

    private static void release(BudgetedMemory memory) {
        if (memory != null) {
            memory.release();
        }
    }

    /** Every function of every interface a component imports must be provided, as a component host must. */
    private void checkComponentImports() {
        List<String> problems = new ArrayList<>();
        for (FunctionImport imp : module.functionImports()) {
            Provided provided = hostFunctions.get(imp.module() + "\u0000" + imp.name());
            if (provided == null && imp.module().startsWith("wasi:")) {
                problems.add("component import '" + imp.qualifiedName() + "': WASI interfaces are not supported by this"
                        + " runtime (actors reach the world through handlers); build the component without WASI (for"
                        + " componentize-js: disable all WASI features)");
            } else if (provided == null) {
                problems.add("component import '" + imp.qualifiedName() + "' is not provided by any handler of this actor");
            } else if (!provided.signature().equals(imp.signature())) {
                problems.add("import '" + imp.qualifiedName() + "' has core signature " + imp.signature()
                        + " but the host provides " + provided.signature());
            }
        }
        if (!problems.isEmpty()) {
            throw new WasmLinkException(module.sourceName() + ": " + String.join("; ", problems));
        }
    }

    /** {@code module}'s memory limits under a cap of {@code maxMemoryPages} (negative: no cap). */
    static Optional<MemoryLimits> memoryLimits(CompiledModule module, int maxMemoryPages) {
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
