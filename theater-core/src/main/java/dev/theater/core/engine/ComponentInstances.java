package dev.theater.core.engine;

import dev.theater.core.WasmLinkException;
import dev.theater.core.WasmTrapException;
import dev.theater.core.component.ComponentPlan;
import dev.theater.core.component.ComponentPlan.CoreFunc;
import dev.theater.core.component.ComponentPlan.CoreInstance;
import dev.theater.core.component.ComponentPlan.CoreItem;
import dev.theater.core.component.ComponentPlan.CoreRef;
import dev.theater.core.component.ComponentPlan.Lowered;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Instantiates a component: its core instances in definition order, each module's imports taken from earlier core
 * instances (functions, tables, memories, globals) or from the host (the functions the component lowers from its
 * imports). The result is one {@link ModuleInstance} whose exports are the component's lifted functions and whose
 * memory is the one its canon options name.
 */
final class ComponentInstances {

    private ComponentInstances() {
    }

    static ModuleInstance build(CompiledModule component, BiFunction<String, String, InstanceBuilder.Provided> host,
                                int maxMemoryPages, MemoryBudget budget) {
        ComponentModule parts = component.component();
        ComponentPlan plan = parts.plan();
        String source = component.sourceName();
        ModuleInstance[] self = new ModuleInstance[1]; // host calls need the instance that is being built
        Instance[] instances = new Instance[plan.coreInstances().size()];
        List<BudgetedMemory> memories = new ArrayList<>();
        try {
            for (int i = 0; i < instances.length; i++) {
                if (plan.coreInstances().get(i) instanceof CoreInstance.Instantiate inst) {
                    CompiledModule module = parts.modules().get(inst.module());
                    ImportValues values = imports(source, plan, inst, module, instances, host, self);
                    BudgetedMemory[] memory = new BudgetedMemory[1];
                    Instance.Builder builder = Instance.builder(module.wasmModule())
                            .withImportValues(values)
                            .withMachineFactory(module.machines())
                            .withMemoryFactory(limits -> memory[0] = BudgetedMemory.create(limits, budget));
                    InstanceBuilder.memoryLimits(module, maxMemoryPages).ifPresent(builder::withMemoryLimits);
                    try {
                        instances[i] = builder.build();
                    } finally {
                        if (memory[0] != null) {
                            memories.add(memory[0]);
                        }
                    }
                }
            }
        } catch (BudgetedMemory.MemoryBudgetExhaustedException e) {
            release(memories);
            throw new WasmLinkException(source + ": " + e.getMessage());
        } catch (WasmLinkException e) {
            release(memories);
            throw e;
        } catch (ChicoryException e) {
            release(memories);
            throw new WasmTrapException(source + ": instantiation failed: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            release(memories);
            throw new WasmLinkException(source + ": the JVM could not allocate the instance (" + e.getMessage()
                    + "); give it a larger heap or lower the guest memory budget");
        } catch (RuntimeException | StackOverflowError e) {
            release(memories);
            throw new WasmTrapException(source + ": instantiation failed: " + e, e);
        }
        Memory memory = plan.memory().map(ref -> instances[ref.instance()].exports().memory(ref.name())).orElse(null);
        Map<String, CoreRef> targets = parts.exportTargets();
        self[0] = new ModuleInstance(component, name -> {
            CoreRef ref = targets.get(name);
            return ref == null ? null : instances[ref.instance()].export(ref.name());
        }, new ChicoryMemory(source, memory), memories);
        return self[0];
    }

    private static ImportValues imports(String source, ComponentPlan plan, CoreInstance.Instantiate inst, CompiledModule module,
                                        Instance[] instances, BiFunction<String, String, InstanceBuilder.Provided> host,
                                        ModuleInstance[] self) {
        ImportValues.Builder values = ImportValues.builder();
        List<String> problems = new ArrayList<>();
        var section = module.wasmModule().importSection();
        for (int k = 0; k < section.importCount(); k++) {
            Import imp = section.getImport(k);
            String what = module.sourceName() + " import '" + imp.module() + "." + imp.name() + "'";
            Integer arg = inst.args().get(imp.module());
            if (arg == null) {
                problems.add(what + ": the component passes no instance named '" + imp.module() + "'");
                continue;
            }
            Optional<CoreItem> item = item(plan, arg, imp.name(), imp);
            if (item.isEmpty()) {
                problems.add(what + ": core instance " + arg + " has no such export");
                continue;
            }
            switch (item.get()) {
                case CoreItem.Func(CoreFunc.Exported(CoreRef ref)) -> {
                    FunctionType type = module.wasmModule().typeSection().getType(((FunctionImport) imp).typeIndex());
                    ExportFunction target = instances[ref.instance()].export(ref.name());
                    values.addFunction(new HostFunction(imp.module(), imp.name(), type, (caller, args) -> target.apply(args)));
                }
                case CoreItem.Func(CoreFunc.Lowered(int id)) -> {
                    Lowered lowered = plan.lowered().get(id);
                    FunctionType type = module.wasmModule().typeSection().getType(((FunctionImport) imp).typeIndex());
                    InstanceBuilder.Provided provided = host.apply(lowered.importName(), lowered.function());
                    if (provided == null) {
                        problems.add("import '" + lowered.importName() + "." + lowered.function() + "' is not provided by the host");
                    } else if (!provided.signature().equals(ChicoryTypes.signature(type))) {
                        problems.add("the lowering of '" + lowered.importName() + "." + lowered.function() + "' has core signature "
                                + ChicoryTypes.signature(type) + " where " + what + " but its WIT type needs " + provided.signature());
                    } else {
                        HostCall call = provided.call();
                        values.addFunction(new HostFunction(imp.module(), imp.name(), type, (caller, args) -> call.call(self[0], args)));
                    }
                }
                case CoreItem.Table(CoreRef ref) ->
                        values.addTable(new ImportTable(imp.module(), imp.name(), instances[ref.instance()].exports().table(ref.name())));
                case CoreItem.Memory(CoreRef ref) ->
                        values.addMemory(new ImportMemory(imp.module(), imp.name(), instances[ref.instance()].exports().memory(ref.name())));
                case CoreItem.Global(CoreRef ref) ->
                        values.addGlobal(new ImportGlobal(imp.module(), imp.name(), instances[ref.instance()].exports().global(ref.name())));
            }
        }
        if (!problems.isEmpty()) {
            throw new WasmLinkException(source + ": " + String.join("; ", problems));
        }
        return values.build();
    }

    /** What core instance {@code instance} exports as {@code name}, of the kind {@code imp} imports. */
    private static Optional<CoreItem> item(ComponentPlan plan, int instance, String name, Import imp) {
        CoreInstance target = plan.coreInstances().get(instance);
        if (target instanceof CoreInstance.Inline inline) {
            return Optional.ofNullable(inline.exports().get(name));
        }
        CoreRef ref = new CoreRef(instance, name);
        return Optional.of(switch (imp.importType()) {
            case FUNCTION -> new CoreItem.Func(new CoreFunc.Exported(ref));
            case TABLE -> new CoreItem.Table(ref);
            case MEMORY -> new CoreItem.Memory(ref);
            case GLOBAL -> new CoreItem.Global(ref);
            default -> throw new WasmLinkException("import '" + imp.module() + "." + imp.name() + "' of kind "
                    + imp.importType() + " is not supported");
        });
    }

    private static void release(List<BudgetedMemory> memories) {
        memories.forEach(BudgetedMemory::release);
    }

}
