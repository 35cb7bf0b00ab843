/**
 * The Theater core: the runtime that starts actors from manifests, links them to handlers, runs them on the
 * engine and records their chains. What it exports is the embedding API: {@code dev.theater.core}
 * ({@code Theater}, {@code ActorRef}, start options, statuses and the errors {@code Theater.start} throws),
 * {@code dev.theater.core.manifest} (parsed manifests) and {@code dev.theater.core.plugin} (the handler
 * registry and plugin problems). The canonical ABI, the engine over Chicory, the runtime's internals and
 * the TOML reader are not exported; handlers see only {@code dev.theater.api}.
 */
module dev.theater.core {
    requires transitive dev.theater.api;
    requires transitive dev.theater.chain;
    requires dev.theater.wit;
    requires com.dylibso.chicory.wasm;
    requires com.dylibso.chicory.runtime;
    requires com.dylibso.chicory.compiler;
    requires org.objectweb.asm; // counts the functions in each class Chicory emits (compile progress)
    requires com.electronwill.nightconfig.core;
    requires com.electronwill.nightconfig.toml;
    requires pf4j; // automatic module (no module name in PF4J 3.15.0)
    requires org.slf4j; // PF4J's logging API: an explicit module, not resolved through the automatic one
    requires com.github.zafarkhaja.semver; // PF4J's version checks
    uses dev.theater.api.handler.HandlerProvider;
    exports dev.theater.core;
    exports dev.theater.core.manifest;
    exports dev.theater.core.plugin;
}
