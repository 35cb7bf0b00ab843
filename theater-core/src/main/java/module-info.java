/** The Theater core: WIT parsing, the canonical ABI, the engine facade over Chicory, and the actor runtime. */
module dev.theater.core {
    requires transitive dev.theater.api;
    requires transitive dev.theater.chain;
    requires transitive dev.theater.wit;
    requires com.dylibso.chicory.wasm;
    requires com.dylibso.chicory.runtime;
    requires com.dylibso.chicory.compiler;
    requires com.electronwill.nightconfig.core;
    requires com.electronwill.nightconfig.toml;
    requires pf4j; // automatic module (no module name in PF4J 3.15.0)
    requires org.slf4j; // PF4J's logging API: an explicit module, not resolved through the automatic one
    requires com.github.zafarkhaja.semver; // PF4J's version checks
    uses dev.theater.api.handler.HandlerProvider;
    exports dev.theater.core;
    exports dev.theater.core.engine;
    exports dev.theater.core.abi;
    exports dev.theater.core.abi.link;
    exports dev.theater.core.manifest;
    exports dev.theater.core.plugin;
}
