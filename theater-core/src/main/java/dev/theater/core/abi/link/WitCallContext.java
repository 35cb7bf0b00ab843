package dev.theater.core.abi.link;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;

/** What a host function knows about the call it serves; free of engine types so that it can move to the API. */
public interface WitCallContext {

    /** The interface the guest imported, e.g. {@code theater:simple/runtime}. */
    WitInterface witInterface();

    WitFunction function();

    /** The guest module's source name, e.g. {@code shapes.wasm}. */
    String moduleName();
}
