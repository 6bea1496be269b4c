package dev.vigil.probe.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects at most {@code limit} body bytes and then cancels, so a huge or endless body costs a bounded amount of
 * memory. Requests one chunk at a time: nothing beyond the limit is buffered.
 */
public final class BoundedBodySubscriber implements BodySubscriber<BoundedBody> {
    private final long limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<BoundedBody> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /** @param limit the most body bytes kept */
    public BoundedBodySubscriber(long limit) {
        this.limit = limit;
    }

    @Override
    public CompletionStage<BoundedBody> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            long room = limit - bytes.size();
            if (buffer.remaining() > room) {
                byte[] part = new byte[(int) room];
                buffer.get(part);
                bytes.writeBytes(part);
                // Complete first: over HTTP/2 the cancel fails the stream, which must not win over the bytes kept.
                result.complete(new BoundedBody(bytes.toByteArray(), true));
                subscription.cancel();
                return;
            }
            byte[] all = new byte[buffer.remaining()];
            buffer.get(all);
            bytes.writeBytes(all);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new BoundedBody(bytes.toByteArray(), false));
    }
}
