/** The Theater core: WIT parsing, the canonical ABI, the engine facade over Chicory, and the actor runtime. */
module dev.theater.core {
    requires transitive dev.theater.api;
    requires dev.theater.chain;
    requires dev.theater.wit;
    requires com.dylibso.chicory.wasm;
    requires com.dylibso.chicory.runtime;
    requires com.dylibso.chicory.compiler;
    exports dev.theater.core.engine;
}
