package dev.vigil.lb;

import dev.vigil.net.BoundedBody;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Splits a watch's streamed body into lines (one JSON event each) and hands each to a {@link Lines} as it arrives,
 * so a watch that stays open for minutes costs one line of memory. A line longer than {@code maxLineBytes}, or a
 * handler that says stop, cancels the stream. Completes with an empty body when the server ends the stream, or
 * exceptionally with the handler's {@link LbLookupException}. Requests one chunk at a time.
 */
final class WatchLines implements BodySubscriber<BoundedBody> {
    /** What to do with each line, called on the HTTP client's thread: quickly, never blocking. */
    @FunctionalInterface
    interface Lines {
        /** Takes one line (without its newline); false stops the stream. */
        boolean line(byte[] line) throws LbLookupException;
    }

    private final int maxLineBytes;
    private final Lines lines;
    private final String subject;
    private final CompletableFuture<BoundedBody> result = new CompletableFuture<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    WatchLines(int maxLineBytes, String subject, Lines lines) {
        this.maxLineBytes = maxLineBytes;
        this.subject = subject;
        this.lines = lines;
    }

    @Override
    public CompletionStage<BoundedBody> getBody() {
        return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining() && !result.isDone()) {
                    take(buffer.get());
                }
            }
        } catch (LbLookupException e) {
            result.completeExceptionally(e);
        }
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    private void take(byte b) throws LbLookupException {
        if (b != '\n') {
            if (line.size() >= maxLineBytes) {
                throw new LbLookupException("an event of the watch on " + subject + " is longer than "
                        + maxLineBytes / 1024 + " KiB");
            }
            line.write(b);
            return;
        }
        byte[] whole = line.toByteArray();
        line.reset();
        if (whole.length > 0 && !lines.line(whole)) {
            result.complete(BoundedBody.EMPTY);
        }
    }

    /** Stops reading: the stream is abandoned, as at its end. */
    synchronized void stop() {
        result.complete(BoundedBody.EMPTY);
        if (subscription != null) {
            subscription.cancel();
        }
    }

    /**
     * True when this side ended the stream (at a handler's word or by {@link #stop()}), which over HTTP/2 fails the
     * response with a cancelled stream; the handler's failure is thrown. False when the stream is under way or the
     * transport failed it.
     */
    synchronized boolean endedHere() throws LbLookupException {
        if (!result.isDone()) {
            return false;
        }
        try {
            result.join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof LbLookupException refused) {
                throw refused;
            }
            return false;
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public synchronized void onComplete() {
        // A last event without its newline is cut off, not whole: it is dropped, and the next list or watch has it.
        result.complete(BoundedBody.EMPTY);
    }
}
