/**
 * The {@code supervisor} handler: parents spawn, stop, restart and watch their children
 * ({@code theater:simple/supervisor}), learn how they end ({@code theater:simple/supervisor-handlers}), and may have
 * them restarted by a declared strategy.
 */
module dev.theater.handler.supervisor {
    requires dev.theater.api;

    provides dev.theater.api.handler.HandlerProvider with dev.theater.handler.supervisor.SupervisorHandlerProvider;
}
