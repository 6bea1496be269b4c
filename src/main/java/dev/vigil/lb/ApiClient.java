package dev.vigil.lb;

import dev.vigil.net.BoundedBody;
import dev.vigil.net.BoundedBodySubscriber;
import dev.vigil.time.Durations;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the API server for one object with a bearer token over TLS verified against a CA bundle: the token read anew on
 * each request, the answer bounded in bytes and time, no message holding the token. One TLS context is kept per CA
 * bundle and rebuilt when the file changes. Thread-safe; owns {@link HttpClient}s, released by {@link #close()}.
 */
final class ApiClient implements AutoCloseable {
    /** What an answer means; its failures name the target and what to fix. */
    @FunctionalInterface
    interface Answer<T> {
        T read(int status, BoundedBody body) throws LbLookupException;
    }

    private final CaClients clients = new CaClients();

    /**
     * {@code GET target.uri()} and what {@code answer} makes of it.
     *
     * @param maxBytes the most of the body read; more is cut off and the body marked truncated
     * @param timeout  the most the request may take, body included
     */
    <T> T get(ApiTarget target, long maxBytes, Duration timeout, Answer<T> answer) throws LbLookupException {
        String token = target.readToken(timeout);
        try {
            HttpResponse<BoundedBody> response = send(target, token, timeout, null,
                    info -> new BoundedBodySubscriber(maxBytes), null);
            return answer.read(response.statusCode(), response.body());
        } catch (LbLookupException e) {
            throw withoutSecret(e, token);
        }
    }

    /**
     * Watches: {@code GET target.uri()}, its 200 answer streamed line by line to {@code lines} until the server ends
     * it, {@code lines} says stop or {@code timeout} passes (then the stream is abandoned, as at its end). Any other
     * answer is what {@code refusal} makes of its first {@code maxRefusalBytes}.
     *
     * @param answerTimeout the most reading the token, and then waiting for the answer's headers, may take
     */
    void watch(ApiTarget target, Duration answerTimeout, Duration timeout, int maxLineBytes, WatchLines.Lines lines,
            long maxRefusalBytes, Answer<Void> refusal) throws LbLookupException {
        String token = target.readToken(answerTimeout);
        WatchLines stream = new WatchLines(maxLineBytes, target.subject(), lines);
        try {
            HttpResponse<BoundedBody> response = send(target, token, timeout, answerTimeout,
                    info -> info.statusCode() == 200 ? stream : new BoundedBodySubscriber(maxRefusalBytes), stream);
            if (response != null && response.statusCode() != 200) {
                refusal.read(response.statusCode(), response.body());
            }
        } catch (LbLookupException e) {
            throw withoutSecret(e, token);
        }
    }

    /**
     * Sends the request and waits at most {@code timeout} for the whole answer; when it passes, a {@code stream}
     * under way is stopped and counts as ended (with a 200), anything else fails. Null when {@code stream} was ended
     * on this side, which over HTTP/2 fails the response as a cancelled stream.
     *
     * @param headersTimeout the most waiting for the answer's headers may take; null for {@code timeout}
     */
    private HttpResponse<BoundedBody> send(ApiTarget target, String token, Duration timeout, Duration headersTimeout,
            HttpResponse.BodyHandler<BoundedBody> body, WatchLines stream) throws LbLookupException {
        HttpClient http = client(target);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.uri())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
        if (headersTimeout != null) {
            builder.timeout(headersTimeout); // java.net.http times the wait for the headers only, not the stream
        }
        HttpRequest request = builder.build();
        AtomicBoolean headersArrived = new AtomicBoolean();
        CompletableFuture<HttpResponse<BoundedBody>> future = http.sendAsync(request, info -> {
            headersArrived.set(true);
            return body.apply(info);
        });
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (stream != null && headersArrived.get()) {
                stream.stop();
                return ended(future, target, timeout);
            }
            future.cancel(true);
            throw new LbLookupException("the API server at " + target.apiUrl() + " did not "
                    + (headersArrived.get() ? "finish its answer" : "answer") + " within "
                    + Durations.format(timeout) + " (" + target.subject() + ")", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LbLookupException("reading " + target.subject() + " was interrupted", e);
        } catch (ExecutionException e) {
            if (stream != null && stream.endedHere()) {
                return null;
            }
            throw TransportFailures.classify(e.getCause(), target);
        }
    }

    /** The answer of {@code stream}, just stopped, or null when stopping it failed the answer. */
    private static HttpResponse<BoundedBody> ended(CompletableFuture<HttpResponse<BoundedBody>> future,
            ApiTarget target, Duration timeout) throws LbLookupException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            return null; // the stop cancelled the stream
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LbLookupException("the watch on " + target.subject() + " at " + target.apiUrl()
                    + " could not be stopped", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LbLookupException("watching " + target.subject() + " was interrupted", e);
        }
    }

    private HttpClient client(ApiTarget target) throws LbLookupException {
        try {
            return clients.forCa(target.caFile());
        } catch (IOException e) {
            throw new LbLookupException("cannot use the CA bundle " + target.caFile() + ": " + ApiTarget.problem(e)
                    + (target.serviceAccountCa() ? "; outside a cluster set " + target.settings() + ".caFile" : ""),
                    e);
        }
    }

    /**
     * {@code e}, or when the token shows in its message or a cause's (a server echoing the request), the message with
     * the token replaced and no cause.
     */
    private static LbLookupException withoutSecret(LbLookupException e, String token) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(token)) {
                return new LbLookupException(e.getMessage().replace(token, "<token>"));
            }
        }
        return e;
    }

    @Override
    public void close() {
        clients.close();
    }
}
