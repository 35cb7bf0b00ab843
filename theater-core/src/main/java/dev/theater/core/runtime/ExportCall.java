package dev.theater.core.runtime;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.link.WitExport;
import dev.theater.core.engine.CallDeadline;
import dev.theater.core.engine.WasmInterruptedException;
import dev.theater.core.WasmTrapException;
import dev.theater.api.json.JsonWriter;
import dev.theater.chain.json.WitJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * One call of a state-threading export, run on the actor's thread: the actor's state goes in, the state
 * the export returns replaces it, and the call (or its failure) is recorded as a {@code wasm} event.
 */
final class ExportCall implements Mailbox.Task {

    private final Actor actor;
    private final WitExport export;
    private final WitFunction function;
    private final WitValue.TupleValue params;
    private final CompletableFuture<Optional<WitValue>> result;
    private final BooleanSupplier stillWanted; // asked right before the call; always true unless the caller gave one

    ExportCall(Actor actor, WitExport export, WitFunction function, WitValue.TupleValue params,
               CompletableFuture<Optional<WitValue>> result) {
        this(actor, export, function, params, result, () -> true);
    }

    ExportCall(Actor actor, WitExport export, WitFunction function, WitValue.TupleValue params,
               CompletableFuture<Optional<WitValue>> result, BooleanSupplier stillWanted) {
        this.actor = actor;
        this.export = export;
        this.function = function;
        this.params = params;
        this.result = result;
        this.stillWanted = stillWanted;
    }

    /** Whether the caller still wants the call; a supplier that throws withdraws it. */
    private boolean wanted() {
        try {
            return stillWanted.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void reject(String reason) {
        result.completeExceptionally(new ActorCallException(actor.id(), ActorCallException.Kind.STOPPED,
                export.coreName() + " was not called: " + reason, null));
    }

    @Override
    public void run() {
        if (!wanted()) {
            result.completeExceptionally(new ActorCallException(actor.id(), ActorCallException.Kind.WITHDRAWN,
                    export.coreName() + " was withdrawn by its caller before it ran", null));
            return; // nothing ran: nothing to record
        }
        WitValue stateIn = new WitValue.OptionValue(actor.stateValue());
        WitValue out;
        try (CallDeadline deadline = CallDeadline.start(actor.limits().callTimeout())) {
            try {
                out = export.call(List.of(stateIn, params)).orElseThrow();
            } catch (WasmInterruptedException e) {
                if (deadline.expired()) {
                    fail(ActorCallException.Kind.TIMEOUT, "exceeded its deadline of "
                            + actor.limits().callTimeout().toMillis() + " ms and was stopped", e);
                } else {
                    fail(ActorCallException.Kind.STOPPED, "was interrupted", e);
                }
                return;
            }
        } catch (WasmTrapException e) {
            // the trap names the module and the core function it happened in; say which call it was part of
            // when that is another function (cabi_realloc while the arguments were lowered, say)
            String trap = e.getMessage();
            failWith(ActorCallException.Kind.TRAP, trap.contains("export '" + export.coreName() + "'") ? trap
                    : export.coreName() + " trapped: " + trap, e);
            return;
        } catch (RuntimeException e) {
            // a host function failed, or the guest returned values that do not fit its WIT types
            fail(ActorCallException.Kind.TRAP, "failed: " + e.getMessage(), e);
            return;
        } catch (StackOverflowError e) {
            fail(ActorCallException.Kind.TRAP, "exhausted the call stack", e);
            return;
        } catch (OutOfMemoryError e) {
            // the heap ran short during this call (the guest's own memory is budgeted, so this is a host-side copy
            // or the whole JVM under pressure): this call and this actor fail, the runtime goes on
            fail(ActorCallException.Kind.TRAP, "ran out of memory: " + e.getMessage(), e);
            return;
        }
        WitValue.ResultValue r = (WitValue.ResultValue) out;
        actor.record("wasm", data(Optional.of(out), Optional.empty()));
        if (!r.ok()) {
            String message = r.payload().map(p -> ((WitValue.Str) p).value()).orElse("");
            // an error result fails this call only: the state is kept and the actor goes on
            result.completeExceptionally(new ActorCallException(actor.id(), ActorCallException.Kind.ERROR_RESULT,
                    export.coreName() + " returned an error: " + message, null));
            return;
        }
        List<WitValue> okTuple = ((WitValue.TupleValue) r.payload().orElseThrow()).elements();
        actor.replaceState(((WitValue.OptionValue) okTuple.getFirst()).value().map(v -> ((WitValue.Bytes) v).value()));
        result.complete(okTuple.size() > 1 ? Optional.of(okTuple.get(1)) : Optional.empty());
    }

    /**
     * A trap, a timeout or a host failure leaves guest memory untrustworthy: the call fails and the actor
     * stops (FAILED). An interrupt is how a stop ends a call that would not finish: it fails that call only.
     */
    private void fail(ActorCallException.Kind kind, String what, Throwable cause) {
        failWith(kind, export.coreName() + " " + what, cause);
    }

    private void failWith(ActorCallException.Kind kind, String message, Throwable cause) {
        actor.record("wasm", data(Optional.empty(), Optional.of(message)), Optional.of(kind.name().toLowerCase()));
        if (kind != ActorCallException.Kind.STOPPED) {
            actor.failed(message, kind, export.coreName()); // first: whoever sees the failure sees the actor FAILED
        }
        result.completeExceptionally(new ActorCallException(actor.id(), kind, message, cause));
    }

    /** The params and result fall under the payload rule; the export's name and the runtime's error text do not. */
    private byte[] data(Optional<WitValue> out, Optional<String> error) {
        JsonWriter json = new JsonWriter().raw('{').name("export").string(export.coreName()).raw(',').name("params");
        WitJson.write(json, function.params().get(1).type(), params, actor.chainPayloadLimit());
        if (out.isPresent()) {
            json.raw(',').name("result");
            WitJson.write(json, function.result().orElseThrow(), out.get(), actor.chainPayloadLimit());
        }
        error.ifPresent(e -> json.raw(',').name("error").string(e));
        return json.raw('}').toByteArray();
    }
}
