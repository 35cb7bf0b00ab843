package dev.theater.core.engine.cache;

import com.dylibso.chicory.compiler.internal.ClassLoadingCollector;
import com.dylibso.chicory.compiler.internal.MachineFactory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * Defines compiled classes in a class loader of their own and makes the machine factory instances use: the same
 * path for classes just compiled and classes read from the cache. Chicory's {@link ClassLoadingCollector} defines
 * and initializes each class as it is put, so the JVM verifies it here, not at the first call.
 */
final class MachineLoader {

    private MachineLoader() {
    }

    /**
     * @throws LinkageError or a {@code ChicoryException} if a class does not load, verify or link (a damaged entry,
     *                      or classes from another compiler)
     */
    static Function<Instance, Machine> load(WasmModule module, CompiledClasses classes) {
        ClassLoadingCollector collector = new ClassLoadingCollector();
        for (var c : classes.classes().entrySet()) {
            if (!c.getKey().equals(classes.mainClass())) {
                collector.put(c.getKey(), c.getValue());
            }
        }
        collector.putMainClass(classes.mainClass(), classes.classes().get(classes.mainClass()));
        return new MachineFactory(module, collector.machineFactory());
    }
}
