package dev.theater.handler.supervisor;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.ActorEnd;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.EventData;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.RuntimeServices;
import dev.theater.api.handler.SpawnSpec;
import dev.theater.api.handler.Supervision;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The supervisor handler of one parent actor: the seven {@code theater:simple/supervisor} functions, the
 * notifications of {@code supervisor-handlers} when a child ends (through the parent's mailbox, in the order the
 * ends happened, each recorded), and the restarts the configured strategy asks for ({@link Restarts}). A parent
 * may act on its own children only; any other id is an {@code err} naming it.
 */
final class SupervisorHandler implements Handler {

    private final String actorId;
    private final SupervisorConfig config;
    private final Supervision supervision;
    private final RuntimeServices runtime;
    private final Restarts restarts;
    private volatile ActorHandle actor;
    private Optional<ActorExport> onError = Optional.empty();
    private Optional<ActorExport> onExit = Optional.empty();
    private Optional<ActorExport> onExternalStop = Optional.empty();
    private volatile boolean stopped;

    SupervisorHandler(String actorId, SupervisorConfig config, Supervision supervision, RuntimeServices runtime) {
        this.actorId = actorId;
        this.config = config;
        this.supervision = supervision;
        this.runtime = runtime;
        this.restarts = new Restarts(actorId, config, supervision, this::record, this::watch, this::childRestartFailed);
    }

    @Override
    public void link(HostLinker linker) {
        String iface = SupervisorHandlerProvider.SUPERVISOR;
        linker.define(iface, "spawn", args -> result(() -> new Str(spawn(args, false))))
                .define(iface, "resume", args -> result(() -> new Str(spawn(args, true))))
                .define(iface, "list-children", args -> Optional.of(new ListValue(
                        supervision.children(actorId).stream().<WitValue>map(Str::new).toList())))
                .define(iface, "stop-child", args -> result(() -> {
                    supervision.stop(child(args), "stopped by its parent '" + actorId + "'");
                    return null;
                }))
                .define(iface, "restart-child", args -> result(() -> {
                    restartNow(childOrEnded(args));
                    return null;
                }))
                .define(iface, "get-child-state", args -> result(() -> new OptionValue(
                        running(child(args)).state().map(Bytes::new))))
                .define(iface, "get-child-events", args -> result(() -> events(child(args))));
    }

    @Override
    public void bindExports(ActorExports exports) {
        String iface = SupervisorHandlerProvider.HANDLERS;
        onError = exports.find(iface, "handle-child-error");
        onExit = exports.find(iface, "handle-child-exit");
        onExternalStop = exports.find(iface, "handle-child-external-stop");
    }

    @Override
    public void start(ActorHandle handle) {
        actor = handle;
    }

    /** Pending restarts are dropped; the children themselves are stopped by the runtime, before the parent. */
    @Override
    public void stop() {
        stopped = true;
        restarts.close();
    }

    // --- the host functions ------------------------------------------------------------------------------

    private String spawn(List<WitValue> args, boolean resume) {
        String manifest = ((Str) args.get(0)).value();
        Optional<byte[]> state = ((OptionValue) args.get(1)).value().map(v -> ((Bytes) v).value());
        ActorHandle child = supervision.spawn(new SpawnSpec(actorId, manifest, state, resume));
        restarts.started(child.id());
        record("supervisor/spawned", EventData.builder().string("child", child.id()).bool("resumed", resume).build(),
                (resume ? "resumed " : "spawned ") + child.id());
        watch(child.id());
        return child.id();
    }

    /** A restart asked for by the parent: not counted against the intensity, not delayed. */
    private void restartNow(String child) {
        supervision.restart(child);
        restarts.started(child);
        record("supervisor/restarted", EventData.builder().string("child", child).bool("automatic", false).build(),
                "restarted " + child);
        watch(child);
    }

    /** The id in {@code args[0]}, which must be a child of this actor. */
    private String child(List<WitValue> args) {
        String id = ((Str) args.getFirst()).value();
        if (!supervision.parent(id).equals(Optional.of(actorId))) {
            throw new SupervisorException("'" + id + "' is not a child of actor '" + actorId + "'");
        }
        return id;
    }

    /** As {@link #child}, also accepting a child that exited or failed and can still be restarted. */
    private String childOrEnded(List<WitValue> args) {
        String id = ((Str) args.getFirst()).value();
        return supervision.isEndedChild(id, actorId) ? id : child(args);
    }

    private ActorHandle running(String child) {
        return runtime.actor(child).orElseThrow(() -> new SupervisorException("child '" + child + "' is not running"));
    }

    private ListValue events(String child) {
        ActorHandle handle = running(child);
        long length = handle.chainLength();
        if (length > config.maxChildEvents()) {
            throw new SupervisorException("child '" + child + "' has " + length + " events; get-child-events returns at"
                    + " most " + config.maxChildEvents() + " (config " + SupervisorConfig.MAX_CHILD_EVENTS + ")");
        }
        return ChildValues.events(handle.chain());
    }

    /** {@code ok(value)} ({@code ok} without payload for null), or {@code err(message)}. */
    private static Optional<WitValue> result(Supplier<WitValue> body) {
        try {
            WitValue value = body.get();
            return Optional.of(value == null ? ResultValue.okEmpty() : ResultValue.ok(value));
        } catch (SupervisorException | TheaterException e) {
            return Optional.of(ResultValue.err(new Str(e.getMessage())));
        }
    }

    // --- children ending ----------------------------------------------------------------------------------

    private void watch(String child) {
        supervision.watch(child, this::ended);
    }

    /**
     * A child's incarnation ended (on the thread that stopped it): the parent is told through its mailbox, under
     * this lock so that notifications queue in the order the ends happened, then the strategy may restart.
     */
    private synchronized void ended(ActorEnd end) {
        if (end.cause() == ActorEnd.Cause.RESTARTED) {
            return; // whoever restarted it watches the new incarnation
        }
        record("supervisor/child-ended", EventData.builder().string("child", end.actorId())
                .string("cause", end.cause().name().toLowerCase()).string("reason", end.reason()).build(),
                end.actorId() + " " + end.cause().name().toLowerCase() + ": " + end.reason());
        switch (end.cause()) {
            case STOPPED -> notify(onExternalStop, "handle-child-external-stop", end.actorId(),
                    TupleValue.of(new Str(end.actorId())));
            case EXITED -> notify(onExit, "handle-child-exit", end.actorId(), TupleValue.of(new Str(end.actorId()),
                    new OptionValue(end.exitData().map(Bytes::new))));
            case FAILED -> notify(onError, "handle-child-error", end.actorId(), TupleValue.of(new Str(end.actorId()),
                    ChildValues.error(end)));
            case RESTARTED -> throw new IllegalStateException("handled above");
        }
        if (!stopped && restartsAfter(end)) {
            restarts.ended(end);
        } else if (end.cause() == ActorEnd.Cause.STOPPED) {
            restarts.forget(end.actorId()); // stopped from outside: it is not coming back
        }
        // an exit or failure left to the parent stays restartable with restart-child
    }

    /** A failure restarts under every strategy but {@code none}; an exit only a {@code permanent} child. */
    private boolean restartsAfter(ActorEnd end) {
        if (config.strategy() == SupervisorConfig.Strategy.NONE) {
            return false;
        }
        return end.cause() == ActorEnd.Cause.FAILED
                || (end.cause() == ActorEnd.Cause.EXITED && config.restart() == SupervisorConfig.Restart.PERMANENT);
    }

    /** An automatic restart could not start the child again: the parent hears of it as a failure. */
    private synchronized void childRestartFailed(String child, String why) {
        ActorEnd failure = new ActorEnd(child, ActorEnd.Cause.FAILED, "restart failed: " + why, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        notify(onError, "handle-child-error", child, TupleValue.of(new Str(child), ChildValues.error(failure)));
    }

    private void notify(Optional<ActorExport> export, String function, String child, TupleValue params) {
        if (export.isEmpty()) {
            record("supervisor/notification-skipped", EventData.builder().string("child", child)
                    .string("export", SupervisorHandlerProvider.HANDLERS + "#" + function).build(),
                    "the parent does not export " + function);
            return;
        }
        export.get().call(params); // through the parent's mailbox; a failure follows the parent's failure rule
    }

    private void record(String type, EventData data, String description) {
        ActorHandle handle = actor;
        if (handle != null) { // also while the parent stops or has failed: its chain is open until it has stopped
            try {
                handle.record(type, data, description);
            } catch (TheaterException e) {
                // the parent's chain closed meanwhile: it has stopped, there is nobody left to tell
            }
        }
    }

    /** A failure to report as the {@code err} of a host call; its message names the ids involved. */
    static final class SupervisorException extends RuntimeException {
        SupervisorException(String message) {
            super(message, null, false, false);
        }
    }

}
