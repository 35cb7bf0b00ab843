package dev.theater.core;

import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.handler.HostFunction;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.MessageEndpoint;
import dev.theater.api.wit.WitValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real handler for the runtime's own tests: it implements {@code runtime.log} (kept in {@link #logs})
 * and delivers messages from Java to {@code handle-send}. Config {@code hang_on_stop = true} makes its stop
 * block until interrupted; {@code block_on_log = true} makes {@code log("got block")} block until the handler
 * is told the actor is stopping ({@link Handler#stopping}), and fail if it is interrupted instead.
 */
final class ProbeProvider implements HandlerProvider {

    static final String CLIENT = "theater:simple/message-server-client";

    final List<String> logs = new CopyOnWriteArrayList<>();

    /** The {@code handle-send} export of the last actor bound, for tests that call it directly. */
    volatile ActorExport lastHandleSend;

    /** Counted down when a {@code block_on_log} probe's log starts to block. */
    final java.util.concurrent.CountDownLatch blocked = new java.util.concurrent.CountDownLatch(1);

    @Override
    public String type() {
        return "probe";
    }

    @Override
    public Set<String> imports() {
        return Set.of("theater:simple/runtime");
    }

    @Override
    public Set<String> exports() {
        return Set.of(CLIENT);
    }

    @Override
    public Handler create(HandlerContext context) {
        context.config().allowOnly(Set.of("hang_on_stop", "overflow_on_start", "block_on_log", "record_log_as"));
        boolean hangOnStop = context.config().bool("hang_on_stop").orElse(false);
        boolean overflowOnStart = context.config().bool("overflow_on_start").orElse(false);
        boolean blockOnLog = context.config().bool("block_on_log").orElse(false);
        Optional<String> recordLogAs = context.config().string("record_log_as");
        return new Probe(context.actorId(), hangOnStop, overflowOnStart, blockOnLog, recordLogAs);
    }

    private final class Probe implements Handler, MessageEndpoint {
        private final String actorId;
        private final boolean hangOnStop;
        private final boolean overflowOnStart;
        private final boolean blockOnLog;
        private final Optional<String> recordLogAs;
        private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);
        private ActorExport handleSend;

        Probe(String actorId, boolean hangOnStop, boolean overflowOnStart, boolean blockOnLog, Optional<String> recordLogAs) {
            this.actorId = actorId;
            this.hangOnStop = hangOnStop;
            this.overflowOnStart = overflowOnStart;
            this.blockOnLog = blockOnLog;
            this.recordLogAs = recordLogAs;
        }

        @Override
        public void stopping() {
            logs.add(actorId + ": (stopping)");
            stopping.countDown();
        }

        @Override
        public void start(ActorHandle actor) {
            if (overflowOnStart) {
                depth(0); // a handler bug: recursion without end, a real StackOverflowError
            }
        }

        private int depth(int n) {
            return depth(n + 1) + 1;
        }

        @Override
        public void link(HostLinker linker) {
            HostFunction log = args -> {
                String message = ((WitValue.Str) args.getFirst()).value();
                logs.add(actorId + ": " + message);
                if (blockOnLog && message.equals("got block")) {
                    blocked.countDown();
                    try {
                        stopping.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("log was interrupted before the probe was told of the stop");
                    }
                    logs.add(actorId + ": (log returns)");
                }
                return Optional.empty();
            };
            if (recordLogAs.isPresent()) {
                // record_log_as: the chain gets that text instead of the guest's line (HostLinker's RecordedAs)
                linker.define("theater:simple/runtime", "log", log, args -> List.of(new WitValue.Str(recordLogAs.get())));
            } else {
                linker.define("theater:simple/runtime", "log", log);
            }
        }

        @Override
        public void bindExports(ActorExports exports) {
            handleSend = exports.require(CLIENT, "handle-send");
            lastHandleSend = handleSend;
        }

        @Override
        public CompletableFuture<Void> send(String from, byte[] message) {
            return handleSend.call(WitValue.TupleValue.of(new WitValue.Bytes(message))).thenApply(r -> null);
        }

        @Override
        public CompletableFuture<byte[]> request(String from, byte[] message) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("probe does not answer requests"));
        }

        @Override
        public void stop() {
            if (hangOnStop) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
