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

    /**
     * Like {@link #define(String, String, HostFunction)}, but the chain records what {@code recordedAs} makes of the
     * arguments and result (e.g. a secret header as its hash). A runtime that cannot do so refuses the definition
     * rather than record the values in clear.
     *
     * @throws HandlerException if the interface or function is unknown, it is defined twice, or this linker cannot
     *                          record other values than those given
     */
    default HostLinker define(String witInterface, String function, HostFunction implementation, RecordedAs recordedAs) {
        throw new HandlerException("this linker cannot record a host call's values other than as given ("
                + witInterface + "." + function + " asks to)");
    }
}
