package dev.theater.core.abi.link;

import dev.theater.api.wit.WitInterfaceName;
import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.core.abi.AbiContext;
import dev.theater.core.abi.FunctionAbi;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.FunctionImport;
import dev.theater.core.engine.HostCall;
import dev.theater.core.engine.InstanceBuilder;
import dev.theater.core.engine.ModuleInstance;
import dev.theater.core.WasmLinkException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Binds host implementations to the WIT imports of one compiled module, checks every import and export under a
 * known WIT interface against its WIT signature, and instantiates. Reusable: each {@link #instantiate()} makes a new instance.
 */
public final class WitLinker {

    private record Definition(WitInterface iface, WitFunction function, WitHostFunction impl) {}

    private final CompiledModule module;
    private final Map<String, WitInterface> interfaces = new LinkedHashMap<>();
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final FunctionAbis abis = new FunctionAbis();
    private Consumer<InstanceBuilder> options = b -> { };

    private WitLinker(CompiledModule module) {
        this.module = Objects.requireNonNull(module, "module");
    }

    public static WitLinker forModule(CompiledModule module) {
        return new WitLinker(module);
    }

    public CompiledModule module() {
        return module;
    }

    /** Implements {@code function} of {@code iface} for the guest's import {@code <package>/<interface>[@version].<function>}. */
    public WitLinker define(WitInterface iface, String function, WitHostFunction impl) {
        Objects.requireNonNull(impl, "impl");
        WitFunction fn = iface.function(function).orElseThrow(() -> new WasmLinkException(module.sourceName()
                + ": cannot define '" + iface.qualifiedName() + "." + function + "': WIT interface " + iface.qualifiedName()
                + " has no such function; it has " + iface.functions().keySet()));
        withInterface(iface);
        String key = iface.qualifiedName() + "." + function;
        if (definitions.putIfAbsent(key, new Definition(iface, fn, impl)) != null) {
            throw new WasmLinkException(module.sourceName() + ": '" + key + "' is defined twice");
        }
        return this;
    }

    /** Makes {@code iface} known, so that the module's imports and exports under it are checked, without implementing it. */
    public WitLinker withInterface(WitInterface iface) {
        WitInterface previous = interfaces.putIfAbsent(iface.qualifiedName(), iface);
        if (previous != null && !previous.equals(iface)) {
            throw new WasmLinkException(module.sourceName() + ": two different WIT interfaces named " + iface.qualifiedName());
        }
        return this;
    }

    /** Engine options for every instance, e.g. {@code b -> b.maxMemoryPages(16)}. */
    public WitLinker configure(Consumer<InstanceBuilder> instanceOptions) {
        this.options = this.options.andThen(instanceOptions);
        return this;
    }

    /** Throws a {@link WasmLinkException} listing every import or export whose core signature does not fit its WIT function. */
    public WitLinker check() {
        List<String> problems = SignatureCheck.problems(module, interfaces, abis);
        if (!problems.isEmpty()) {
            throw new WasmLinkException(module.sourceName() + ": " + String.join("; ", problems));
        }
        return this;
    }

    /** Checks signatures, then links the host functions and instantiates the module. */
    public WitInstance instantiate() {
        check();
        GuestContexts.Holder holder = new GuestContexts.Holder();
        InstanceBuilder builder = module.instantiate();
        for (FunctionImport imp : module.functionImports()) {
            Definition d = definitions.get(WitInterfaceName.unversioned(imp.module()) + "." + imp.name());
            if (d != null) {
                FunctionAbi abi = abis.of(d.function());
                builder.hostFunction(imp.module(), imp.name(), SignatureCheck.importSignature(abi),
                        hostCall(d, abi, imp, holder));
            }
        }
        options.accept(builder);
        ModuleInstance instance = builder.build();
        AbiContext cx = GuestContexts.of(instance);
        holder.set(cx);
        return new WitInstance(instance, cx, abis);
    }

    private HostCall hostCall(Definition d, FunctionAbi abi, FunctionImport imp, GuestContexts.Holder holder) {
        String site = module.sourceName() + ": import '" + imp.qualifiedName() + "'";
        WitCallContext context = new HostCallContext(d.iface(), d.function(), module.sourceName());
        WitHostFunction impl = d.impl();
        return (caller, args) -> {
            AbiContext cx = holder.get(caller);
            String previous = cx.site(site);
            try {
                return abi.lowerResult(cx, impl.call(context, abi.liftArgs(cx, args)), args);
            } finally {
                cx.site(previous);
            }
        };
    }

    private record HostCallContext(WitInterface witInterface, WitFunction function, String moduleName)
            implements WitCallContext {}
}
