package dev.vigil.net;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects at most {@code limit} body bytes and then cancels, so a huge or endless body costs a bounded amount of
 * memory. Requests one chunk at a time: nothing beyond the limit is buffered. Every byte kept is first drawn from the
 * run's {@link BodyBudget.Claim}; when the shared budget is spent, a virtual thread of its own waits for room (the
 * client may call {@link #onNext} on its selector thread, which must never block) and nothing more is requested
 * meanwhile.
 */
public final class BoundedBodySubscriber implements BodySubscriber<BoundedBody> {
    private final BodyBuffer body;
    private final BodyBudget.Claim claim;
    private final CompletableFuture<BoundedBody> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private List<ByteBuffer> pending = List.of();
    private int next;
    /** Waiting for room for the pending buffers; all state is guarded by this subscriber's lock. */
    private boolean waiting;
    /** The body ended while buffers were still pending: complete once they are kept. */
    private boolean ended;

    /** For a caller outside the probe (an API client), whose {@code limit} on the most body bytes kept is its bound. */
    public BoundedBodySubscriber(long limit) {
        this(limit, BodyBudget.unlimited());
    }

    /** @param limit the most body bytes kept */
    public BoundedBodySubscriber(long limit, BodyBudget.Claim claim) {
        this.body = new BodyBuffer(limit);
        this.claim = claim;
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
    public synchronized void onNext(List<ByteBuffer> buffers) {
        pending = buffers;
        next = 0;
        drain(false);
    }

    /** Keeps the pending buffers in order; {@code granted} when room for the first was already drawn. */
    private synchronized void drain(boolean granted) {
        while (next < pending.size()) {
            ByteBuffer buffer = pending.get(next);
            int keep = (int) Math.min(buffer.remaining(), body.room());
            if (!granted && !claim.tryGrow(keep)) {
                waiting = true;
                Thread.ofVirtual().name("vigil-body-budget").start(() -> awaitRoom(keep));
                return;
            }
            granted = false;
            body.add(buffer, keep);
            if (buffer.hasRemaining()) {
                // Complete first: over HTTP/2 the cancel fails the stream, which must not win over the bytes kept.
                result.complete(body.finish(true));
                subscription.cancel();
                return;
            }
            next++;
        }
        if (ended) {
            result.complete(body.finish(false));
            return;
        }
        subscription.request(1);
    }

    /** Waits outside the lock, so the run can still end the body meanwhile. */
    private void awaitRoom(int keep) {
        try {
            claim.grow(keep);
        } catch (BodyBudget.Exhausted e) {
            result.completeExceptionally(e);
            subscription.cancel();
            return;
        }
        resume();
    }

    private synchronized void resume() {
        waiting = false;
        drain(true);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public synchronized void onComplete() {
        // The end may be signalled while buffers wait for room: completing now would judge a body missing its tail.
        if (waiting) {
            ended = true;
            return;
        }
        result.complete(body.finish(false));
    }
}
