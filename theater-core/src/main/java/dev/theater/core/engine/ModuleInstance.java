package dev.theater.core.engine;

import dev.theater.core.WasmTrapException;
import dev.theater.core.WasmLinkException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/** One instantiated module: its memory and its exports. Not thread-safe: one caller at a time. */
public final class ModuleInstance {

    private final CompiledModule module;
    private final Function<String, ExportFunction> functions; // a core export, or a component's lifted core function
    private final GuestMemory memory;
    private final List<BudgetedMemory> budgeted; // empty for a module without memory
    private final ConcurrentMap<String, Optional<CoreFunction>> exports = new ConcurrentHashMap<>();

    ModuleInstance(CompiledModule module, Instance instance, BudgetedMemory budgeted) {
        this(module, instance::export, new ChicoryMemory(module.sourceName(), instance),
                budgeted == null ? List.of() : List.of(budgeted));
    }

    /** A component's instance: {@code functions} finds the core function behind each of its exports. */
    ModuleInstance(CompiledModule module, Function<String, ExportFunction> functions, GuestMemory memory,
                   List<BudgetedMemory> budgeted) {
        this.module = module;
        this.functions = functions;
        this.memory = memory;
        this.budgeted = List.copyOf(budgeted);
    }

    /** Gives this instance's memory back to the runtime's budget; the instance must not be called afterwards. */
    public void close() {
        budgeted.forEach(BudgetedMemory::release);
    }

    public CompiledModule module() {
        return module;
    }

    /** The module's memory; a module without one gets a memory of size 0 whose every access traps. */
    public GuestMemory memory() {
        return memory;
    }

    /** The export {@code name}, or a {@link WasmLinkException} naming the module and the export. */
    public CoreFunction export(String name) {
        return findExport(name).orElseThrow(() -> new WasmLinkException(
                module.sourceName() + " has no exported function '" + name + "'"));
    }

    public Optional<CoreFunction> findExport(String name) {
        return exports.computeIfAbsent(name, n -> module.export(n).map(e -> bind(e.name(), e.signature())));
    }

    private CoreFunction bind(String name, CoreSignature signature) {
        ExportFunction fn = functions.apply(name);
        String source = module.sourceName();
        return new CoreFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CoreSignature signature() {
                return signature;
            }

            @Override
            public long[] call(long... args) {
                try {
                    return fn.apply(args);
                } catch (com.dylibso.chicory.runtime.ChicoryInterruptedException e) {
                    Thread.currentThread().interrupt(); // keep the flag for whoever interrupted us
                    throw new WasmInterruptedException(source + ": export '" + name + "' was interrupted", e);
                } catch (ChicoryException e) {
                    throw new WasmTrapException(source + ": export '" + name + "' trapped: " + e.getMessage(), e);
                } catch (StackOverflowError e) {
                    throw new WasmTrapException(source + ": export '" + name + "' exhausted the call stack", e);
                }
            }
        };
    }
}
