/**
 * The {@code runtime} handler: gives actors {@code theater:simple/runtime} (log, their own state and chain,
 * and stopping themselves).
 */
module dev.theater.handler.runtime {
    requires dev.theater.api;

    provides dev.theater.api.handler.HandlerProvider with dev.theater.handler.runtime.RuntimeHandlerProvider;
}
