package dev.theater.handler.httpclient;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory that fails, and cancels the stream, as soon as it grows past {@code max} bytes:
 * an endless or huge body costs at most {@code max} bytes of heap, and is an error, never silently cut.
 */
final class CappedBody implements BodySubscriber<byte[]> {

    private final long max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long received;

    CappedBody(long max) {
        this.max = max;
    }

    /** A body that fails at once: its declared length is already past the cap. */
    static CappedBody refusing(long declared, long max) {
        CappedBody body = new CappedBody(max);
        body.result.completeExceptionally(new TooLarge("the response declares a body of " + declared
                + " bytes (Content-Length), more than max_response_bytes = " + max));
        return body;
    }

    /** The body grew past the cap. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            received += b.remaining();
            if (received > max) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge("the response body is larger than max_response_bytes = " + max
                        + " (stopped reading at " + received + " bytes)"));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
