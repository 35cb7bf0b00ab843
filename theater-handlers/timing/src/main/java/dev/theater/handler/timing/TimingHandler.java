package dev.theater.handler.timing;

import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.EventData;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.U64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The timing handler of one actor: the clock and sleeps of {@code theater:simple/timing}, and the timers of
 * {@code theater:simple/timers} ({@link Timers}). The runtime records every call with its result, so the times an
 * actor saw are in its chain. A sleep holds the actor's own guest thread (nobody else's) and ends at once when
 * the actor begins to stop ({@link #stopping}); its timers end then too.
 */
final class TimingHandler implements Handler {

    static final String TIMERS_ENDED = "timers/ended";

    private final String actorId;
    private final TimingConfig config;
    private final Timers timers;
    private final CountDownLatch stopping = new CountDownLatch(1); // counted down when the actor begins to stop
    private volatile ActorHandle actor;

    TimingHandler(String actorId, TimingConfig config, TimerScheduler scheduler) {
        this.actorId = actorId;
        this.config = config;
        this.timers = new Timers(actorId, config, scheduler);
    }

    @Override
    public void link(HostLinker linker) {
        String timing = TimingHandlerProvider.TIMING;
        String timersIface = TimingHandlerProvider.TIMERS;
        linker.define(timing, "now", args -> Optional.of(new U64(System.currentTimeMillis())))
                .define(timing, "sleep", args -> result(() -> sleep(u64(args))))
                .define(timing, "deadline", args -> result(() -> deadline(u64(args))))
                .define(timersIface, "schedule-once", args -> result(() -> new Str(timers.scheduleOnce(u64(args), bytes(args)))))
                .define(timersIface, "schedule-every", args -> result(() -> new Str(timers.scheduleEvery(u64(args), bytes(args)))))
                .define(timersIface, "cancel-timer", args -> result(() -> {
                    timers.cancel(((Str) args.getFirst()).value());
                    return null;
                }));
    }

    @Override
    public void bindExports(ActorExports exports) {
        timers.bind(exports.find(TimingHandlerProvider.TIMER_HANDLERS, "handle-timer"));
    }

    @Override
    public void start(ActorHandle handle) {
        actor = handle;
        timers.start(handle);
    }

    /** A stop began: a sleep in progress returns {@code err} now, and the actor's timers end (recorded). */
    @Override
    public void stopping() {
        // timers first: the sleep released next returns to the guest, which may at once try to set a timer
        List<String> ended = timers.close();
        stopping.countDown();
        ActorHandle handle = actor;
        if (!ended.isEmpty() && handle != null) {
            try {
                handle.record(TIMERS_ENDED, EventData.builder().string("timers", String.join(",", ended)).build(),
                        ended.size() + " live timer(s) ended with the actor");
            } catch (dev.theater.api.TheaterException e) {
                // the chain closed meanwhile: nothing left to tell
            }
        }
    }

    /** Also when the actor never got as far as stopping() (its start failed): nothing may outlive it. */
    @Override
    public void stop() {
        stopping.countDown();
        timers.close();
    }

    // --- the clock ------------------------------------------------------------------------------------------

    private WitValue sleep(long durationMs) {
        if (Long.compareUnsigned(durationMs, config.maxSleepMs()) > 0) {
            throw new TimingException("sleep: " + Long.toUnsignedString(durationMs) + " ms is longer than the handler's "
                    + TimingConfig.MAX_SLEEP + " (" + config.maxSleepMs() + " ms)");
        }
        if (durationMs < config.minSleepMs()) {
            throw new TimingException("sleep: " + durationMs + " ms is shorter than the handler's "
                    + TimingConfig.MIN_SLEEP + " (" + config.minSleepMs() + " ms)");
        }
        waitFor("sleep of " + durationMs + " ms", durationMs);
        return null;
    }

    /** Waits until {@code timestampMs} (wall clock); one already past returns at once. */
    private WitValue deadline(long timestampMs) {
        long now = System.currentTimeMillis();
        if (Long.compareUnsigned(timestampMs, now) <= 0) {
            return null;
        }
        long waitMs = timestampMs - now; // unsigned: a timestamp past 2^63 is a very long wait, refused below
        if (Long.compareUnsigned(waitMs, config.maxSleepMs()) > 0) {
            throw new TimingException("deadline: " + Long.toUnsignedString(timestampMs) + " is "
                    + Long.toUnsignedString(waitMs) + " ms away, longer than the handler's " + TimingConfig.MAX_SLEEP
                    + " (" + config.maxSleepMs() + " ms)");
        }
        waitFor("deadline " + Long.toUnsignedString(timestampMs), waitMs);
        return null;
    }

    /** Waits {@code ms}, unless the actor begins to stop first; {@code what} names the wait in the err. */
    private void waitFor(String what, long ms) {
        try {
            if (stopping.await(ms, TimeUnit.MILLISECONDS)) {
                throw new TimingException(what + " cut short: actor '" + actorId + "' is stopping");
            }
        } catch (InterruptedException e) {
            // the runtime's interrupt (the call's deadline passed, or a stop that could not wait): keep it for the
            // guest's next check, which ends the call as the runtime decided
            Thread.currentThread().interrupt();
            throw new TimingException(what + " interrupted (the call's deadline passed, or actor '" + actorId
                    + "' is stopping)");
        }
    }

    // --- values -----------------------------------------------------------------------------------------------

    private static long u64(List<WitValue> args) {
        return ((U64) args.getFirst()).value();
    }

    private static byte[] bytes(List<WitValue> args) {
        return ((Bytes) args.get(1)).value();
    }

    /** {@code ok(value)} ({@code ok} without payload for null), or {@code err(message)}. */
    private static Optional<WitValue> result(Supplier<WitValue> body) {
        try {
            WitValue value = body.get();
            return Optional.of(value == null ? ResultValue.okEmpty() : ResultValue.ok(value));
        } catch (TimingException e) {
            return Optional.of(ResultValue.err(new Str(e.getMessage())));
        }
    }
}
