package dev.theater.api.handler;

/**
 * Where a handler adds its host functions. Every call of a function defined here is recorded in the
 * actor's chain by the runtime (interface, function, arguments and result), so a handler cannot forget to.
 */
public interface HostLinker {

    /**
     * Implements {@code function} of the qualified WIT interface {@code witInterface}
     * (e.g. {@code "theater:simple/runtime"}, {@code "log"}).
     *
     * @throws HandlerException if the interface or function is unknown, or it is defined twice
     */
    HostLinker define(String witInterface, String function, HostFunction implementation);
}
