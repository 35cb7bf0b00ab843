package dev.theater.handler.timing;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.EventData;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The live timers of one actor incarnation. Periodic timers run at a fixed rate on the grid {@code start + n·period}
 * (no drift); at most one firing per timer is queued or running at a time, and a tick that comes while it is
 * ({@link Timer#inFlight}) is skipped and counted, never queued, so a busy actor is not buried under a backlog and
 * never gets a burst to catch up. A firing is an ordinary export call through the mailbox; when its turn comes it
 * is recorded ({@code timers/fired}) or, if the timer was cancelled meanwhile, withdrawn unrun.
 */
final class Timers {

    static final String FIRED = "timers/fired";
    static final String REFUSED = "timers/refused";

    private final String actorId;
    private final TimingConfig config;
    private final TimerScheduler scheduler;
    /** Ids are {@code timer-<this incarnation's random prefix>-<n>}: an id kept in state across a restart names no new timer. */
    private final String idPrefix = "timer-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-";
    private volatile Optional<ActorExport> handleTimer = Optional.empty();
    private volatile ActorHandle actor;
    private final Map<String, Timer> live = new LinkedHashMap<>(); // guarded by this
    private long issued; // guarded by this
    private boolean closed; // guarded by this

    Timers(String actorId, TimingConfig config, TimerScheduler scheduler) {
        this.actorId = actorId;
        this.config = config;
        this.scheduler = scheduler;
    }

    void bind(Optional<ActorExport> export) {
        handleTimer = export;
    }

    void start(ActorHandle handle) {
        actor = handle;
    }

    /** One timer: its schedule and whether a firing of it is on its way. Mutable parts guarded by the timer. */
    private static final class Timer {
        final String id;
        final byte[] payload;
        final long startNanos;
        final long firstDelayNanos; // once: the delay; periodic: one period
        final long periodNanos;     // 0 for a once timer
        long tick = 1;              // the number of the tick scheduled next
        long missed;                // ticks skipped since the last firing was queued
        boolean inFlight;
        boolean cancelled;
        java.util.concurrent.ScheduledFuture<?> next;

        Timer(String id, byte[] payload, long delayNanos, long periodNanos) {
            this.id = id;
            this.payload = payload;
            this.startNanos = System.nanoTime();
            this.firstDelayNanos = delayNanos;
            this.periodNanos = periodNanos;
        }

        boolean periodic() {
            return periodNanos > 0;
        }

        long due(long n) {
            return startNanos + firstDelayNanos + (n - 1) * periodNanos;
        }

        synchronized void cancel() {
            cancelled = true;
            if (next != null) {
                next.cancel(false);
            }
        }
    }

    // --- the host functions ------------------------------------------------------------------------------

    String scheduleOnce(long delayMs, byte[] payload) {
        if (Long.compareUnsigned(delayMs, config.maxTimerDelay()) > 0) {
            throw new TimingException("schedule-once: a delay of " + Long.toUnsignedString(delayMs)
                    + " ms is longer than the handler's " + TimingConfig.MAX_TIMER_DELAY + " (" + config.maxTimerDelay() + " ms)");
        }
        return add("schedule-once", payload, delayMs * 1_000_000, 0);
    }

    String scheduleEvery(long periodMs, byte[] payload) {
        if (Long.compareUnsigned(periodMs, config.minTimerPeriod()) < 0) {
            throw new TimingException("schedule-every: a period of " + periodMs + " ms is shorter than the handler's "
                    + TimingConfig.MIN_TIMER_PERIOD + " (" + config.minTimerPeriod() + " ms)");
        }
        if (Long.compareUnsigned(periodMs, config.maxTimerDelay()) > 0) {
            throw new TimingException("schedule-every: a period of " + Long.toUnsignedString(periodMs)
                    + " ms is longer than the handler's " + TimingConfig.MAX_TIMER_DELAY + " (" + config.maxTimerDelay() + " ms)");
        }
        return add("schedule-every", payload, periodMs * 1_000_000, periodMs * 1_000_000);
    }

    private String add(String function, byte[] payload, long delayNanos, long periodNanos) {
        if (handleTimer.isEmpty()) {
            throw new TimingException(function + ": actor '" + actorId + "' does not export "
                    + TimingHandlerProvider.TIMER_HANDLERS + "#handle-timer, so a timer would have nothing to call");
        }
        if (payload.length > config.maxTimerPayload()) {
            throw new TimingException(function + ": a payload of " + payload.length + " bytes is larger than the handler's "
                    + TimingConfig.MAX_TIMER_PAYLOAD + " (" + config.maxTimerPayload() + " bytes)");
        }
        Timer timer;
        synchronized (this) {
            if (closed) {
                throw new TimingException(function + ": actor '" + actorId + "' is stopping; its timers have ended");
            }
            if (config.maxTimers() == 0) {
                throw new TimingException(function + ": actor '" + actorId + "' may have no timers (the handler's "
                        + TimingConfig.MAX_TIMERS + " is 0)");
            }
            if (live.size() >= config.maxTimers()) {
                throw new TimingException(function + ": actor '" + actorId + "' has " + live.size() + " live timers, the"
                        + " most the handler's " + TimingConfig.MAX_TIMERS + " allows; cancel one first");
            }
            timer = new Timer(idPrefix + ++issued, payload, delayNanos, periodNanos);
            live.put(timer.id, timer);
            synchronized (timer) {
                timer.next = scheduler.schedule(() -> due(timer), timer.due(1) - System.nanoTime());
            }
        }
        return timer.id;
    }

    void cancel(String id) {
        Timer timer;
        synchronized (this) {
            timer = live.remove(id);
        }
        if (timer == null) {
            throw new TimingException("cancel-timer: actor '" + actorId + "' has no live timer '" + id + "' (a once timer"
                    + " is gone when it has fired, a cancelled one at once)");
        }
        timer.cancel();
    }

    /** Ends every timer (a firing already queued is withdrawn at its turn); returns the ids that were live. */
    List<String> close() {
        List<Timer> ended;
        synchronized (this) {
            if (closed) {
                return List.of();
            }
            closed = true;
            ended = new ArrayList<>(live.values());
            live.clear();
        }
        ended.forEach(Timer::cancel);
        return ended.stream().map(t -> t.id).toList();
    }

    synchronized int liveCount() {
        return live.size();
    }

    // --- firing ---------------------------------------------------------------------------------------------

    /** On the scheduler thread: a tick is due. Quick and never blocking (an offer to the mailbox never waits). */
    private void due(Timer timer) {
        long tick;
        long missed;
        synchronized (timer) {
            if (timer.cancelled) {
                return;
            }
            tick = timer.tick;
            boolean fire = !timer.inFlight;
            if (fire) {
                timer.inFlight = true;
                missed = timer.missed;
                timer.missed = 0;
            } else {
                timer.missed++; // the last firing is still queued or running: skip this tick
                missed = -1;
            }
            if (timer.periodic()) {
                scheduleNext(timer);
            }
        }
        if (missed >= 0) {
            queue(timer, tick, missed, timer.due(tick)); // outside the timer's lock: finished() may run right here
        }
    }

    /** The next tick on the grid; ticks the scheduler itself was too late for count as missed. */
    private void scheduleNext(Timer timer) {
        long now = System.nanoTime();
        long next = timer.tick + 1;
        if (timer.due(next) - now < 0) {
            long first = (now - timer.startNanos - timer.firstDelayNanos) / timer.periodNanos + 2; // first grid point after now
            timer.missed += first - next;
            next = first;
        }
        timer.tick = next;
        timer.next = scheduler.schedule(() -> due(timer), timer.due(next) - now);
    }

    /** On the scheduler thread: offers the firing to the mailbox, which never waits (a full one refuses it at once). */
    private void queue(Timer timer, long tick, long missed, long dueNanos) {
        ActorExport export = handleTimer.orElseThrow();
        try {
            export.offer(TupleValue.of(new Str(timer.id), new Bytes(timer.payload)),
                            () -> turn(timer, tick, missed, dueNanos))
                    .whenComplete((result, failure) -> finished(timer, tick, missed, failure));
        } catch (RuntimeException e) {
            finished(timer, tick, missed, e);
        }
    }

    /** On the actor's thread, right before handle-timer runs: the firing is recorded, or withdrawn if cancelled. */
    private boolean turn(Timer timer, long tick, long missed, long dueNanos) {
        synchronized (timer) {
            if (timer.cancelled) {
                return false;
            }
        }
        ActorHandle handle = actor;
        if (handle != null && !handle.isRunning()) {
            return false; // a stop has begun (before stopping() ends the timers): nothing fires after it
        }
        long lateMicros = Math.max(0, (System.nanoTime() - dueNanos) / 1000);
        record(FIRED, EventData.builder().string("timer", timer.id).u64("tick", tick).u64("missed", missed)
                .u64("late_us", lateMicros).build(), timer.id + " tick " + tick);
        return true;
    }

    /** The firing's call ended; {@code missed} is what it would have reported, kept when the mailbox refused it. */
    private void finished(Timer timer, long tick, long missed, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : failure;
        boolean refused = cause instanceof ActorCallException e && e.kind() == ActorCallException.Kind.MAILBOX_FULL;
        synchronized (timer) {
            timer.inFlight = false;
            if (refused) {
                timer.missed += missed + 1; // the mailbox had no room: a missed tick, and the count it carried stays
            }
        }
        if (refused) {
            record(REFUSED, EventData.builder().string("timer", timer.id).u64("tick", tick)
                    .string("error", cause.getMessage()).build(), timer.id + " tick " + tick + " refused: mailbox full");
        }
        if (!timer.periodic()) {
            synchronized (this) {
                live.remove(timer.id, timer); // it has fired (or could not): a once timer is gone
            }
        }
    }

    private void record(String type, EventData data, String description) {
        ActorHandle handle = actor;
        if (handle != null) {
            try {
                handle.record(type, data, description);
            } catch (TheaterException e) {
                // the actor's chain closed meanwhile: it has stopped, and its timers with it
            }
        }
    }
}
