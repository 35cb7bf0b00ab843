/**
 * The {@code timing} handler: the clock ({@code theater:simple/timing}: now, sleep, deadline, a sleep cut short
 * when the actor stops) and timers ({@code theater:simple/timers}) that call the actor's
 * {@code theater:simple/timer-handlers#handle-timer} through its mailbox.
 */
module dev.theater.handler.timing {
    requires dev.theater.api;

    provides dev.theater.api.handler.HandlerProvider with dev.theater.handler.timing.TimingHandlerProvider;
}
