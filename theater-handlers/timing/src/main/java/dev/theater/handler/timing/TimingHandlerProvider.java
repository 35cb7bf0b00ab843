package dev.theater.handler.timing;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code timing} handler type: {@code theater:simple/timing} (now, sleep, deadline) and
 * {@code theater:simple/timers} for actors, and the {@code theater:simple/timer-handlers} export it calls when a
 * timer fires. One provider serves one runtime: its one scheduler thread serves every actor's timers.
 */
public final class TimingHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "timing";

    /** The clock and sleeps. */
    public static final String TIMING = "theater:simple/timing";

    /** Scheduling and cancelling timers. */
    public static final String TIMERS = "theater:simple/timers";

    /** The export a timer calls. */
    public static final String TIMER_HANDLERS = "theater:simple/timer-handlers";

    private final TimerScheduler scheduler = new TimerScheduler();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> imports() {
        return Set.of(TIMING, TIMERS);
    }

    @Override
    public Set<String> exports() {
        return Set.of(TIMER_HANDLERS);
    }

    /** A child may sleep no longer, hold no more timers, tick no faster and carry no more than its parent. */
    @Override
    public Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        return TimingConfig.widens(parent, child);
    }

    @Override
    public Handler create(HandlerContext context) {
        return new TimingHandler(context.actorId(), TimingConfig.from(context.config()), scheduler);
    }

    /** Ticks waiting on the shared scheduler, for tests: a stopped actor's timers leave none behind. */
    int queuedTicks() {
        return scheduler.queued();
    }
}
