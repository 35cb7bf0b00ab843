package dev.theater.handler.runtime;

import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.RuntimeServices;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code runtime} handler of one actor: {@code log}, {@code get-state}, {@code get-chain} and
 * {@code shutdown}. The runtime records every call in the chain; this handler keeps no state but whether a
 * shutdown was asked for.
 */
final class RuntimeHandler implements Handler {

    static final System.Logger LOG = System.getLogger("dev.theater.handler.runtime");

    /** How much of {@code shutdown}'s data is quoted in the stop reason. */
    static final int REASON_DATA_LIMIT = 256;

    private final String actorId;
    private final RuntimeServices runtime;
    private final AtomicBoolean shutdownRequested = new AtomicBoolean();
    private volatile ActorHandle actor;

    RuntimeHandler(String actorId, RuntimeServices runtime) {
        this.actorId = actorId;
        this.runtime = runtime;
    }

    @Override
    public void link(HostLinker linker) {
        String iface = RuntimeHandlerProvider.INTERFACE;
        linker.define(iface, "log", this::log)
                .define(iface, "get-state", args -> Optional.of(getState()))
                .define(iface, "get-chain", args -> Optional.of(ChainValues.chain(actor().chain())))
                .define(iface, "shutdown", args -> Optional.of(shutdown(args.getFirst())));
    }

    @Override
    public void start(ActorHandle handle) {
        this.actor = handle;
    }

    @Override
    public void stop() {
        this.actor = null;
    }

    private Optional<WitValue> log(List<WitValue> args) {
        String message = ((Str) args.getFirst()).value();
        LOG.log(Level.INFO, () -> "[" + actorId + "] " + message);
        return Optional.empty();
    }

    private OptionValue getState() {
        return new OptionValue(actor().state().map(Bytes::new));
    }

    private ResultValue shutdown(WitValue data) {
        if (!shutdownRequested.compareAndSet(false, true)) {
            return ResultValue.err(new Str("a shutdown is already in progress"));
        }
        Optional<byte[]> exitData = ((OptionValue) data).value().map(value -> ((Bytes) value).value());
        actor().requestExit(stopReason(exitData), exitData); // the data reaches the supervisor in full
        return ResultValue.okEmpty();
    }

    /** {@code the actor called runtime.shutdown}, plus its data (UTF-8, at most 256 characters) if any. */
    static String stopReason(Optional<byte[]> data) {
        String reason = "the actor called runtime.shutdown";
        if (data.isEmpty()) {
            return reason;
        }
        String text = new String(data.get(), StandardCharsets.UTF_8);
        if (text.length() > REASON_DATA_LIMIT) {
            text = text.substring(0, REASON_DATA_LIMIT) + "...(" + data.get().length + " bytes)";
        }
        return reason + " with data " + text;
    }

    /** The actor's handle: given at start, or looked up while the runtime initializes the actor. */
    private ActorHandle actor() {
        ActorHandle handle = actor;
        if (handle != null) {
            return handle;
        }
        return runtime.actor(actorId).orElseThrow(() -> new HandlerException(
                "handler 'runtime' was called before the actor started or after it stopped"));
    }
}
