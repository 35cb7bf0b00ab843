package dev.theater.core.abi.link;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.AbiContext;
import dev.theater.core.abi.FunctionAbi;
import dev.theater.core.engine.CoreFunction;
import dev.theater.core.engine.FunctionExport;
import dev.theater.core.engine.ModuleInstance;
import dev.theater.core.WasmLinkException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An instance whose WIT exports can be called by name. Not thread-safe: one caller at a time, like the guest itself. */
public final class WitInstance {

    /** Keyed by interface identity and function name, so that a call hashes no WIT structure. */
    private record PlanKey(WitInterface iface, String function) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PlanKey k && k.iface == iface && k.function.equals(function);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(iface) * 31 + function.hashCode();
        }
    }

    private final ModuleInstance instance;
    private final AbiContext cx;
    private final FunctionAbis abis;
    private final Map<PlanKey, WitExport> plans = new ConcurrentHashMap<>();
    private PlanKey lastKey = new PlanKey(null, ""); // a one-entry cache: handlers mostly call one export repeatedly
    private WitExport lastPlan;

    WitInstance(ModuleInstance instance, AbiContext cx, FunctionAbis abis) {
        this.instance = instance;
        this.cx = cx;
        this.abis = abis;
    }

    /** The core instance underneath, for raw access (memory, core exports). */
    public ModuleInstance core() {
        return instance;
    }

    /** The ABI context (memory and allocator) of this instance. */
    public AbiContext abiContext() {
        return cx;
    }

    /** Calls {@code <package>/<interface>#<function>}; the plan is built on the first call and cached. */
    public Optional<WitValue> call(WitInterface iface, String function, List<WitValue> args) {
        PlanKey last = lastKey;
        WitExport plan;
        if (last.iface == iface && last.function.equals(function)) {
            plan = lastPlan;
        } else {
            PlanKey key = new PlanKey(iface, function);
            plan = plans.get(key);
            if (plan == null) {
                plan = export(iface, function);
            }
            lastPlan = plan;
            lastKey = key;
        }
        return plan.call(args);
    }

    /** The call plan of a WIT export, checked against its WIT signature; keep it to skip even the plan lookup. */
    public WitExport export(WitInterface iface, String function) {
        return plans.computeIfAbsent(new PlanKey(iface, function), k -> plan(iface, function));
    }

    private WitExport plan(WitInterface iface, String function) {
        String source = instance.module().sourceName();
        WitFunction fn = iface.function(function).orElseThrow(() -> new WasmLinkException(source + ": cannot call '"
                + iface.qualifiedName() + "#" + function + "': WIT interface " + iface.qualifiedName()
                + " has no such function; it has " + iface.functions().keySet()));
        FunctionExport exp = findExport(iface, function).orElseThrow(() -> new WasmLinkException(source
                + " has no export '" + iface.qualifiedName() + "#" + function + "' for WIT '" + abis.of(fn).describe()
                + "'; its WIT exports are " + witExports()));
        instance.module().componentExportType(exp.name())
                .flatMap(type -> SignatureCheck.checkType("component export '" + exp.name() + "'", iface, function, type))
                .or(() -> SignatureCheck.check("export '" + exp.name() + "'", iface, function, exp.signature(), false, abis))
                .ifPresent(problem -> {
                    throw new WasmLinkException(source + ": " + problem);
                });
        FunctionAbi abi = abis.of(fn);
        CoreFunction core = instance.export(exp.name());
        Optional<CoreFunction> post = instance.findExport("cabi_post_" + exp.name());
        return new WitExport(core, post, abi, cx, source + ": export '" + exp.name() + "'");
    }

    private Optional<FunctionExport> findExport(WitInterface iface, String function) {
        String wanted = iface.qualifiedName();
        return instance.module().functionExports().stream()
                .filter(e -> WitNames.exportInterface(e.name()).equals(wanted) && WitNames.exportFunction(e.name()).equals(function))
                .findFirst();
    }

    private List<String> witExports() {
        return instance.module().functionExports().stream().map(FunctionExport::name)
                .filter(n -> n.contains("#") && !n.startsWith("cabi_post_")).toList();
    }
}
