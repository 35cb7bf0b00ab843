package dev.theater.core.runtime;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.ActorEnd;
import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.Handler;
import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import dev.theater.chain.Subscription;
import dev.theater.chain.json.WitJson;
import dev.theater.core.ActorStatus;
import dev.theater.core.abi.link.WitExport;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.manifest.ActorLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running actor: its instance, its handlers, its state and its mailbox. Whenever the mailbox has work, a
 * guest thread ({@link GuestThreads}) drains it, running the export calls one at a time; an idle actor holds
 * no thread. Built and started by {@link ActorLauncher}. Handlers see it only through {@link #handle()}.
 */
public final class Actor {

    private static final System.Logger LOG = System.getLogger(Actor.class.getName());

    private final String id;
    private final Optional<String> parentId;
    private final ActorLimits limits;
    private final ActorChain chain;
    private final Mailbox mailbox;
    private final Executor guestThreads;
    private final Duration handlerStopTimeout;
    private final long chainPayloadLimit;
    private final ActorLifecycle lifecycle;
    private final CountDownLatch finished = new CountDownLatch(1); // the mailbox reached its end, for good
    private final CompletableFuture<ActorStatus> stopped = new CompletableFuture<>(); // stop() has completed
    private final AtomicBoolean stopStarted = new AtomicBoolean();
    private volatile ActorStatus status = ActorStatus.STARTING;
    private volatile Optional<byte[]> state;
    private volatile String stopReason; // null while running
    private volatile Optional<byte[]> exitData = Optional.empty(); // set by runtime.shutdown
    private volatile boolean exited; // the actor stopped itself (runtime.shutdown)
    private volatile boolean restarting; // stopped to be restarted under the same id
    private volatile Optional<ActorCallException.Kind> failureKind = Optional.empty();
    private volatile Optional<String> failedCall = Optional.empty();
    private final ActorHandle handle = new HandlerView(this);
    private WitInstance instance;
    private List<NamedHandler> handlers = List.of();
    private volatile boolean mailboxStarted;
    private final AtomicBoolean drainScheduled = new AtomicBoolean(); // a guest thread drains, or is about to
    private final Object runLock = new Object(); // guards runningOn, so an interrupt never reaches another actor
    private Thread runningOn; // the thread running this actor's calls now, or null

    /** A handler with the type it was created for. */
    record NamedHandler(String type, Handler handler) {}

    Actor(String id, Optional<String> parentId, ActorLimits limits, ActorChain chain, Optional<byte[]> initialState,
          Executor guestThreads, Duration handlerStopTimeout, long chainPayloadLimit, ActorLifecycle lifecycle) {
        this.id = id;
        this.parentId = parentId;
        this.limits = limits;
        this.chain = chain;
        this.mailbox = new Mailbox(limits.mailboxCapacity());
        this.guestThreads = guestThreads;
        this.state = initialState.map(byte[]::clone);
        this.handlerStopTimeout = handlerStopTimeout;
        this.chainPayloadLimit = chainPayloadLimit;
        this.lifecycle = lifecycle;
    }

    /** Strings and byte lists longer than this are recorded as their size and SHA-256 (see {@link WitJson}). */
    long chainPayloadLimit() {
        return chainPayloadLimit;
    }

    void attach(WitInstance instance, List<NamedHandler> handlers) {
        this.instance = instance;
        this.handlers = List.copyOf(handlers);
    }

    /** Lets the mailbox run; tasks queued before this run first, in order. */
    void startMailbox() {
        mailboxStarted = true;
        if (!mailbox.isEmpty()) {
            scheduleDrain(); // what handlers queued during init; an actor with nothing to do takes no thread
        }
    }

    /** init returned ok; unless a stop began meanwhile (e.g. init called runtime.shutdown), the actor runs. */
    void running() {
        synchronized (this) {
            if (status != ActorStatus.STARTING) {
                return;
            }
            status = ActorStatus.RUNNING;
            lifecycle.running(this);
        }
        record("lifecycle/running", new byte[0]);
    }

    /** Hands the mailbox to a guest thread unless one drains it already (or it has not started). */
    private void scheduleDrain() {
        if (mailboxStarted && drainScheduled.compareAndSet(false, true)) {
            guestThreads.execute(this::drain);
        }
    }

    /** Runs queued tasks on this (guest) thread until the mailbox is empty, stopped, or the actor has failed. */
    private void drain() {
        synchronized (runLock) {
            runningOn = Thread.currentThread();
        }
        boolean ended = false;
        try {
            Mailbox.Task task;
            while (!ended && (task = mailbox.poll()) != null) {
                ended = Mailbox.isStop(task) || runOne(task);
            }
        } finally {
            synchronized (runLock) {
                runningOn = null;
                Thread.interrupted(); // an interrupt meant for this actor's call ends here, not in the next actor's
            }
            if (ended) {
                mailbox.drain(stopReason == null ? "the actor stopped" : stopReason);
                finished.countDown(); // drainScheduled stays set: nothing runs here again
            } else {
                drainScheduled.set(false);
                if (!mailbox.isEmpty()) {
                    scheduleDrain(); // a task came in after the last poll
                }
            }
        }
    }

    /** Runs one task; true when the actor failed and must run nothing more (its memory is not to be trusted). */
    private boolean runOne(Mailbox.Task task) {
        try {
            task.run();
        } catch (Throwable t) { // ExportCall handles what a call can throw; this is the last line for the thread
            LOG.log(System.Logger.Level.ERROR, "actor '" + id + "': a mailbox task failed", t);
            fail("a mailbox task failed: " + t);
        }
        return status == ActorStatus.FAILED;
    }

    /** Whether the current thread is running this actor's calls (waiting for ourselves would never end). */
    private boolean onOwnThread() {
        synchronized (runLock) {
            return runningOn == Thread.currentThread();
        }
    }

    /** Interrupts the call running now, if any: it ends a guest loop and returns a host call that waits. */
    private void interruptCurrentCall() {
        synchronized (runLock) {
            if (runningOn != null) {
                runningOn.interrupt();
            }
        }
    }

    // --- calls --------------------------------------------------------------------------------------

    /** Queues a call of a state-threading export; see {@link ActorExport#call}. */
    CompletableFuture<Optional<WitValue>> call(WitExport export, WitFunction function, WitValue.TupleValue params) {
        return queue(export, function, params, () -> true, limits.mailboxWait());
    }

    /** Queues a call the caller can do without; see {@link ActorExport#offer}. */
    CompletableFuture<Optional<WitValue>> offer(WitExport export, WitFunction function, WitValue.TupleValue params,
                                                java.util.function.BooleanSupplier stillWanted) {
        return queue(export, function, params, stillWanted, Duration.ZERO);
    }

    private CompletableFuture<Optional<WitValue>> queue(WitExport export, WitFunction function,
                                                        WitValue.TupleValue params,
                                                        java.util.function.BooleanSupplier stillWanted,
                                                        Duration patience) {
        CompletableFuture<Optional<WitValue>> result = new CompletableFuture<>();
        ExportCall task = new ExportCall(this, export, function, params, result, stillWanted);
        ActorStatus now = status;
        if (now != ActorStatus.RUNNING && now != ActorStatus.STARTING) {
            task.reject("the actor is " + now.name().toLowerCase() + (stopReason == null ? "" : " (" + stopReason + ")"));
            return result;
        }
        try {
            if (!mailbox.offer(task, patience)) {
                result.completeExceptionally(new ActorCallException(id, ActorCallException.Kind.MAILBOX_FULL,
                        "mailbox full (" + mailbox.capacity() + " calls)" + (patience.isZero() ? ""
                                : " for " + patience.toMillis() + " ms") + "; " + export.coreName() + " was not queued",
                        null));
            } else {
                scheduleDrain();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.reject("the caller was interrupted while the mailbox was full");
        }
        return result;
    }

    /**
     * Runs a call of a state-threading export on the calling thread, before the mailbox thread starts: the
     * launcher runs {@code init} this way, saving two thread hand-offs per start. Calls queued meanwhile
     * (messages handlers deliver during init) run after it, in order.
     */
    CompletableFuture<Optional<WitValue>> callBeforeMailbox(WitExport export, WitFunction function,
                                                          WitValue.TupleValue params) {
        if (mailboxStarted) {
            throw new IllegalStateException("the mailbox of actor '" + id + "' already runs"); // a launcher bug
        }
        CompletableFuture<Optional<WitValue>> result = new CompletableFuture<>();
        new ExportCall(this, export, function, params, result).run();
        return result;
    }

    /** A handle on one export for handlers; resolved once, called many times. */
    ActorExport exportHandle(WitInterface iface, String function) {
        WitExport export = instance.export(iface, function);
        WitFunction fn = iface.function(function).orElseThrow();
        String name = export.coreName();
        return new ActorExport() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<Optional<WitValue>> call(WitValue.TupleValue params) {
                return Actor.this.call(export, fn, params);
            }

            @Override
            public CompletableFuture<Optional<WitValue>> offer(WitValue.TupleValue params,
                                                               java.util.function.BooleanSupplier stillWanted) {
                return Actor.this.offer(export, fn, params, stillWanted);
            }
        };
    }

    // --- state and chain ----------------------------------------------------------------------------

    Optional<WitValue> stateValue() {
        return state.map(WitValue.Bytes::new);
    }

    void replaceState(Optional<byte[]> newState) {
        state = newState;
    }

    ActorLimits limits() {
        return limits;
    }

    /** The chain's events so far, for embedders. */
    public List<ChainEvent> chainEvents() {
        return chain.events();
    }

    ActorChain actorChain() {
        return chain;
    }

    /** What opening the actor's chain found and cut off (a torn tail left by a crash), if anything. */
    public Optional<dev.theater.chain.ChainFailure> chainRecovery() {
        return chain.recovery();
    }

    /** A live subscription to this actor's chain. */
    public Subscription subscribe(ChainListener listener) {
        return chain.subscribe(listener);
    }

    /** Calls waiting in the mailbox (not counting the one running). */
    public int queuedCalls() {
        return mailbox.size();
    }

    public ActorStatus status() {
        return status;
    }

    /** Why it stopped or failed; empty while it starts or runs. */
    public Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    public String id() {
        return id;
    }

    /** The actor that started this one as its child, if any. */
    public Optional<String> parentId() {
        return parentId;
    }

    long chainLength() {
        return chain.size();
    }

    /** What handlers see of this actor. */
    public ActorHandle handle() {
        return handle;
    }

    Optional<byte[]> currentState() {
        return state.map(byte[]::clone);
    }

    /** True while the actor accepts calls: running, and also while starting (handlers may be called from init). */
    boolean isRunning() {
        return status == ActorStatus.RUNNING || status == ActorStatus.STARTING;
    }

    /** Records a runtime event (lifecycle, export call) without a description. */
    void record(String eventType, byte[] data) {
        chain.append(eventType, data, Optional.empty());
    }

    void record(String eventType, byte[] data, Optional<String> description) {
        chain.append(eventType, data, description);
    }

    public List<String> handlerTypes() {
        return handlers.stream().map(NamedHandler::type).toList();
    }

    /** The first handler that is an instance of {@code type}. */
    public <T> Optional<T> handler(Class<T> type) {
        return handlers.stream().map(NamedHandler::handler).filter(type::isInstance).map(type::cast).findFirst();
    }

    // --- stopping -----------------------------------------------------------------------------------

    /** Stops the actor on another thread; {@code reason} is recorded. */
    public void requestStop(String reason) {
        // may come from the actor's own thread (runtime.shutdown), which must not wait for itself
        Thread.ofVirtual().name("stop-" + id).start(() -> stop(reason));
    }

    /** The actor stops itself ({@code runtime.shutdown}); {@code data} reaches its supervisor in full. */
    void requestExit(String reason, Optional<byte[]> data) {
        exitData = data.map(byte[]::clone);
        exited = true;
        requestStop(reason);
    }

    /** The next stop is a restart: its end is told as RESTARTED. */
    public void markRestarting() {
        restarting = true;
    }

    /** A call failed this actor (trap, deadline, host failure): it stops as FAILED. */
    void failed(String reason, ActorCallException.Kind kind, String call) {
        failureKind = Optional.of(kind);
        failedCall = Optional.of(call);
        fail(reason);
    }

    /** Fails the actor for {@code reason}: its memory, or its supervision, can no longer be trusted. */
    public void fail(String reason) {
        synchronized (this) {
            if (status != ActorStatus.RUNNING && status != ActorStatus.STARTING) {
                return;
            }
            status = ActorStatus.FAILED;
            stopReason = reason;
            lifecycle.leaving(this);
        }
        requestStop(reason);
    }

    /**
     * Stops the actor: handlers are told ({@link Handler#stopping}), the current call finishes, queued calls are
     * rejected, then every handler is stopped within the handler deadline (one that overruns is interrupted, and that is recorded). Concurrent
     * callers wait for the one stop to complete.
     */
    public void stop(String reason) {
        if (!stopStarted.compareAndSet(false, true)) {
            awaitStop();
            return;
        }
        lifecycle.stopChildren(this); // while this actor still runs, so it hears of each child's end
        synchronized (this) {
            if (status != ActorStatus.FAILED) {
                stopReason = reason;
                if (status != ActorStatus.STOPPING) {
                    status = ActorStatus.STOPPING;
                    lifecycle.leaving(this);
                }
            }
        }
        record("lifecycle/stopping", reasonJson(stopReason));
        mailbox.stop();
        tellHandlersStopping(); // a host call blocked in a handler (a sleep) returns now, not at the deadline
        if (!mailboxStarted) {
            mailbox.drain(stopReason); // it never started (init failed): reject what handlers queued meanwhile
        } else if (!onOwnThread()) {
            scheduleDrain(); // the stop marker is work too
            // the current call gets the handler deadline to finish; then its thread is interrupted, which
            // ends a guest loop and releases a host call blocked on another actor (e.g. a request)
            if (!awaitFor(finished, handlerStopTimeout)) {
                interruptCurrentCall();
                await(finished);
            }
        }
        for (NamedHandler h : handlers.reversed()) {
            stopHandler(h);
        }
        if (instance != null) {
            instance.core().close(); // its memory goes back to the runtime's budget
        }
        if (status != ActorStatus.FAILED) {
            status = ActorStatus.STOPPED;
        }
        record("lifecycle/stopped", reasonJson(stopReason), Optional.of(status.name().toLowerCase()));
        chain.close();
        lifecycle.ended(this, end());
        stopped.complete(status);
    }

    /** How this incarnation ended, once it has stopped. */
    private ActorEnd end() {
        ActorEnd.Cause cause = restarting ? ActorEnd.Cause.RESTARTED
                : status == ActorStatus.FAILED ? ActorEnd.Cause.FAILED
                : exited ? ActorEnd.Cause.EXITED : ActorEnd.Cause.STOPPED;
        return new ActorEnd(id, cause, stopReason == null ? "" : stopReason, exitData, failureKind, failedCall,
                state.map(byte[]::clone));
    }

    private static boolean awaitFor(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits for a latch, unless on the actor's own thread, which would wait for itself. */
    private void await(CountDownLatch latch) {
        if (onOwnThread()) {
            return;
        }
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the one stop in progress, unless on the actor's own thread, which would wait for itself. */
    private void awaitStop() {
        if (onOwnThread()) {
            return;
        }
        try {
            stopped.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the stop future never fails", e);
        }
    }

    /**
     * {@link Handler#stopping} of every handler, in reverse order, on a thread of its own: one that blocks or throws
     * is recorded and the stop goes on after at most the handler deadline.
     */
    private void tellHandlersStopping() {
        Thread teller = Thread.ofVirtual().name("stopping-" + id).start(() -> {
            for (NamedHandler h : handlers.reversed()) {
                try {
                    h.handler().stopping();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "actor '" + id + "': handler '" + h.type() + "' failed in stopping()", e);
                    record("lifecycle/handler-stopping-failed", reasonJson(h.type() + ": " + e));
                }
            }
        });
        try {
            if (!teller.join(handlerStopTimeout)) {
                teller.interrupt();
                record("lifecycle/handler-stopping-timeout", reasonJson("a handler's stopping() did not return within "
                        + handlerStopTimeout.toMillis() + " ms and was interrupted"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopHandler(NamedHandler h) {
        Thread stopper = Thread.ofVirtual().name("stop-" + id + "-" + h.type()).start(() -> {
            try {
                h.handler().stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "actor '" + id + "': handler '" + h.type() + "' failed to stop", e);
                record("lifecycle/handler-stop-failed", reasonJson(h.type() + ": " + e));
            }
        });
        try {
            if (!stopper.join(handlerStopTimeout)) {
                stopper.interrupt();
                stopper.join(Duration.ofMillis(100));
                record("lifecycle/handler-stop-timeout", reasonJson("handler '" + h.type() + "' did not stop within "
                        + handlerStopTimeout.toMillis() + " ms and was interrupted"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] reasonJson(String reason) {
        return WitJson.object(List.of("reason"), List.of(WitType.Primitive.STRING), List.of(new WitValue.Str(reason)));
    }

    /** Completes with the final status (STOPPED or FAILED) once the actor has stopped and its chain is closed. */
    public CompletableFuture<ActorStatus> stopped() {
        return stopped.copy();
    }
}
