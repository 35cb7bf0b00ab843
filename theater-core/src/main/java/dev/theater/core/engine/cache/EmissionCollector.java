package dev.theater.core.engine.cache;

import com.dylibso.chicory.compiler.internal.ClassCollector;
import com.dylibso.chicory.compiler.internal.ByteClassCollector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A Chicory class collector that keeps class bytes in emission order without loading them (they are loaded once,
 * at the end, exactly as from the cache: {@link MachineLoader}) and tells {@link CompileTracker} how far the
 * emission is.
 */
final class EmissionCollector implements ClassCollector {

    private static final ByteClassCollector RESOLVER = new ByteClassCollector();

    private final CompileTracker tracker;
    private final LinkedHashMap<String, byte[]> classes = new LinkedHashMap<>();
    private String mainClass;

    EmissionCollector(CompileTracker tracker) {
        this.tracker = tracker;
        tracker.collectorCreated(this);
    }

    @Override
    public String mainClassName() {
        return mainClass;
    }

    @Override
    public void putMainClass(String className, byte[] bytes) {
        mainClass = className;
        classes.remove(className);
        classes.put(className, bytes); // last: every class it refers to is defined before it
    }

    @Override
    public void put(String name, byte[] bytes) {
        classes.put(name, bytes);
        if (name.contains("FuncGroup_")) {
            tracker.functionsEmitted(this, functionMethods(bytes));
        } else if (name.endsWith("Shaded")) {
            tracker.attemptStarted(); // Chicory puts the shaded runtime classes first into each new main collector
        }
    }

    @Override
    public void putAll(ClassCollector collector) {
        for (var c : collector.classBytes().entrySet()) {
            classes.put(c.getKey(), c.getValue());
            if (c.getKey().contains("FuncGroup_")) {
                tracker.functionsDone();
            }
        }
    }

    @Override
    public Map<String, byte[]> classBytes() {
        return Collections.unmodifiableMap(classes);
    }

    @Override
    public byte[] resolve(Class<?> clazz) {
        return RESOLVER.resolve(clazz); // the runtime's class files Chicory copies into the generated package
    }

    /** How many {@code func_<index>} methods (one per wasm function) a function group class defines. */
    private static int functionMethods(byte[] bytes) {
        int[] count = {0};
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (name.startsWith("func_")) {
                    count[0]++;
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return count[0];
    }
}
