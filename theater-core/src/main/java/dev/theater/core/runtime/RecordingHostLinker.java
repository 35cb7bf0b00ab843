package dev.theater.core.runtime;

import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HostFunction;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.RecordedAs;
import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.api.json.JsonWriter;
import dev.theater.chain.json.WitJson;
import dev.theater.core.abi.link.WitLinker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link HostLinker} handlers see: it binds each host function to its WIT function and records every
 * call in the actor's chain (event type {@code <interface>/<function>}, data {@code {"args": {...},
 * "result": ...}} or {@code "error"}), so that no handler can forget to.
 */
final class RecordingHostLinker implements HostLinker {

    private final WitUniverse universe;
    private final WitLinker linker;
    private final EventLog events;
    private final long payloadLimit;
    private final Map<String, String> providedBy = new LinkedHashMap<>(); // interface -> handler type
    private final java.util.Set<String> defined = new java.util.HashSet<>(); // "interface.function"
    private String currentHandler = "?";

    RecordingHostLinker(WitUniverse universe, WitLinker linker, EventLog events, long payloadLimit) {
        this.universe = universe;
        this.linker = linker;
        this.events = events;
        this.payloadLimit = payloadLimit;
    }

    /** Which handler is linking now, so errors and permissions name it. */
    void handler(String type) {
        this.currentHandler = type;
    }

    /** The interfaces handlers have implemented, with the handler type that did. */
    Map<String, String> providedInterfaces() {
        return providedBy;
    }

    /** Whether a handler defined {@code qualifiedInterface.function}. */
    boolean defines(String qualifiedInterface, String function) {
        return defined.contains(qualifiedInterface + "." + function);
    }

    @Override
    public HostLinker define(String witInterface, String function, HostFunction implementation) {
        return define(witInterface, function, implementation, AS_GIVEN);
    }

    private static final RecordedAs AS_GIVEN = args -> args;

    @Override
    public HostLinker define(String witInterface, String function, HostFunction implementation, RecordedAs recordedAs) {
        String site = "handler '" + currentHandler + "'";
        WitInterface iface = universe.require(witInterface, site);
        WitFunction fn = iface.function(function).orElseThrow(() -> new HandlerException(site + ": WIT interface "
                + iface.qualifiedName() + " has no function '" + function + "'; it has " + iface.functions().keySet()));
        String owner = providedBy.putIfAbsent(iface.qualifiedName(), currentHandler);
        if (owner != null && !owner.equals(currentHandler)) {
            throw new HandlerException(site + ": interface " + iface.qualifiedName() + " is already provided by handler '"
                    + owner + "'");
        }
        defined.add(iface.qualifiedName() + "." + function);
        String eventType = iface.qualifiedName() + "/" + function;
        WitType argsType = new WitType.Record("args", fn.params().stream()
                .map(p -> new WitType.Field(p.name(), p.type())).toList());
        linker.define(iface, function, (context, args) -> {
            Optional<WitValue> result;
            try {
                result = implementation.call(args);
            } catch (RuntimeException e) {
                events.append(eventType, callData(argsType, recordedAs.args(args), fn, Optional.empty(),
                                Optional.of(String.valueOf(e.getMessage()))),
                        Optional.of("host failure: " + e));
                throw e;
            }
            events.append(eventType, callData(argsType, recordedAs.args(args), fn, recordedAs.result(result), Optional.empty()),
                    Optional.empty());
            return result;
        });
        return this;
    }

    /** The guest's arguments and the handler's result fall under the payload rule; the runtime's error text does not. */
    private byte[] callData(WitType argsType, List<WitValue> args, WitFunction fn, Optional<WitValue> result,
                            Optional<String> error) {
        JsonWriter out = new JsonWriter().raw('{').name("args");
        WitJson.write(out, argsType, new WitValue.RecordValue(args), payloadLimit);
        if (error.isPresent()) {
            out.raw(',').name("error").string(error.get());
        } else if (result.isPresent() && fn.result().isPresent()) {
            out.raw(',').name("result");
            WitJson.write(out, fn.result().get(), result.get(), payloadLimit);
        }
        return out.raw('}').toByteArray();
    }
}
