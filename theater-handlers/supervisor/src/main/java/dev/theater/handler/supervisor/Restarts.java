package dev.theater.handler.supervisor;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.ActorEnd;
import dev.theater.api.handler.EventData;
import dev.theater.api.handler.Supervision;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The automatic restarts of one parent's children, by its strategy (Erlang/OTP semantics): which children restart
 * when one ends, the intensity limit (at most {@code max_restarts} within {@code window_ms}, one more fails the
 * parent so that its own supervisor hears of it), and the backoff before restarting the same child again. Each
 * restart waits out its backoff on a virtual thread of its own; the parent's stop drops the pending ones.
 */
final class Restarts implements AutoCloseable {

    /** Records an event in the parent's chain. */
    interface Recorder {
        void record(String type, EventData data, String description);
    }

    private final String parentId;
    private final SupervisorConfig config;
    private final Supervision supervision;
    private final Recorder recorder;
    private final Consumer<String> watch;
    private final BiConsumer<String, String> restartFailed;
    // children in start order (a restarted child keeps its place, as in OTP); a set, as thousands of children
    // come and go; guarded by this
    private final SequencedSet<String> order = new LinkedHashSet<>();
    private final Deque<Long> recent = new ArrayDeque<>(); // automatic restarts within the window; guarded by this
    private final Map<String, Deque<Long>> recentOf = new HashMap<>(); // the same, per child; guarded by this
    private final Set<Thread> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Restarts(String parentId, SupervisorConfig config, Supervision supervision, Recorder recorder,
             Consumer<String> watch, BiConsumer<String, String> restartFailed) {
        this.parentId = parentId;
        this.config = config;
        this.supervision = supervision;
        this.recorder = recorder;
        this.watch = watch;
        this.restartFailed = restartFailed;
    }

    synchronized void started(String child) {
        order.add(child);
    }

    /** The child will not come back: nothing of it is kept, here or in the runtime. */
    synchronized void forget(String child) {
        order.remove(child);
        recentOf.remove(child);
        supervision.forget(child);
    }

    /** A child exited or failed and its strategy restarts it (and maybe others). */
    synchronized void ended(ActorEnd end) {
        String child = end.actorId();
        long now = System.nanoTime() / 1_000_000;
        prune(recent, now);
        if (recent.size() >= config.maxRestarts()) {
            escalate(child, end);
            return;
        }
        recent.addLast(now);
        Deque<Long> mine = recentOf.computeIfAbsent(child, c -> new ArrayDeque<>());
        prune(mine, now);
        long delay = config.backoff().delayMs(mine.size());
        mine.addLast(now);
        List<String> targets = targets(child);
        recorder.record("supervisor/restarting", EventData.builder().string("child", child)
                        .string("strategy", SupervisorConfig.spelling(config.strategy())).u64("delay_ms", delay)
                        .string("restarts", String.join(",", targets)).build(),
                "restarting " + String.join(", ", targets) + (delay > 0 ? " in " + delay + " ms" : ""));
        Thread restart = Thread.ofVirtual().name("restart-" + child).unstarted(() -> restartAfter(delay, targets));
        pending.add(restart);
        restart.start();
    }

    /** Which children restart when {@code child} ended: itself, all, or itself and the younger ones. */
    private List<String> targets(String child) {
        return switch (config.strategy()) {
            case ONE_FOR_ALL -> List.copyOf(order);
            case REST_FOR_ONE -> order.contains(child) ? order.stream().dropWhile(c -> !c.equals(child)).toList()
                    : List.of(child);
            case ONE_FOR_ONE, NONE -> List.of(child);
        };
    }

    private void restartAfter(long delayMs, List<String> targets) {
        try {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            for (String child : targets) {
                if (closed) {
                    return;
                }
                restartOne(child);
            }
        } catch (InterruptedException e) {
            // the parent is stopping: its children are going, nothing to restart
        } finally {
            pending.remove(Thread.currentThread());
        }
    }

    private void restartOne(String child) {
        try {
            supervision.restart(child);
        } catch (TheaterException e) {
            recorder.record("supervisor/restart-failed", EventData.builder().string("child", child)
                    .string("error", e.getMessage()).build(), "could not restart " + child);
            forget(child);
            restartFailed.accept(child, e.getMessage());
            return;
        }
        recorder.record("supervisor/restarted", EventData.builder().string("child", child).bool("automatic", true)
                .build(), "restarted " + child);
        watch.accept(child);
    }

    /** One restart too many within the window: the parent fails, and its own supervisor hears of it. */
    private void escalate(String child, ActorEnd end) {
        String reason = "restart intensity exceeded: " + config.maxRestarts() + " restarts within " + config.windowMs()
                + " ms, then '" + child + "' " + end.cause().name().toLowerCase() + " (" + end.reason() + ")";
        recorder.record("supervisor/escalated", EventData.builder().string("child", child).string("reason", reason).build(),
                reason);
        forget(child);
        Thread.ofVirtual().name("escalate-" + parentId).start(() -> supervision.fail(parentId, reason));
    }

    private void prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= config.windowMs()) {
            times.removeFirst();
        }
    }

    @Override
    public void close() {
        closed = true;
        pending.forEach(Thread::interrupt);
    }
}
