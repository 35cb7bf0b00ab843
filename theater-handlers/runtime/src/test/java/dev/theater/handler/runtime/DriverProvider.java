package dev.theater.handler.runtime;

import dev.theater.api.handler.ActorExport;
import dev.theater.api.handler.ActorExports;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.handler.MessageEndpoint;
import dev.theater.api.wit.WitValue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A test-only handler (type {@code driver}) that lets a test call the guest's {@code handle-send} from Java,
 * so the runtime handler's tests need not depend on the message-server module.
 */
final class DriverProvider implements HandlerProvider {

    static final String CLIENT = "theater:simple/message-server-client";

    @Override
    public String type() {
        return "driver";
    }

    @Override
    public Set<String> imports() {
        return Set.of();
    }

    @Override
    public Set<String> exports() {
        return Set.of(CLIENT);
    }

    @Override
    public Handler create(HandlerContext context) {
        context.config().allowOnly(Set.of());
        return new Driver();
    }

    private static final class Driver implements Handler, MessageEndpoint {
        private volatile ActorExport handleSend;

        @Override
        public void bindExports(ActorExports exports) {
            handleSend = exports.require(CLIENT, "handle-send");
        }

        @Override
        public CompletableFuture<Void> send(String from, byte[] message) {
            return handleSend.call(WitValue.TupleValue.of(new WitValue.Bytes(message))).thenApply(result -> null);
        }

        @Override
        public CompletableFuture<byte[]> request(String from, byte[] message) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("the driver only sends"));
        }
    }
}
