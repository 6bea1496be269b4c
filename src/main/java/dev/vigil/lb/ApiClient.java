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
            HttpResponse<BoundedBody> response = send(target, token, maxBytes, timeout);
            return answer.read(response.statusCode(), response.body());
        } catch (LbLookupException e) {
            throw withoutSecret(e, token);
        }
    }

    private HttpResponse<BoundedBody> send(ApiTarget target, String token, long maxBytes, Duration timeout)
            throws LbLookupException {
        HttpClient http = client(target);
        HttpRequest request = HttpRequest.newBuilder(target.uri())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .build();
        AtomicBoolean headersArrived = new AtomicBoolean();
        CompletableFuture<HttpResponse<BoundedBody>> future = http.sendAsync(request, info -> {
            headersArrived.set(true);
            return new BoundedBodySubscriber(maxBytes);
        });
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LbLookupException("the API server at " + target.apiUrl() + " did not "
                    + (headersArrived.get() ? "finish its answer" : "answer") + " within "
                    + Durations.format(timeout) + " (" + target.subject() + ")", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LbLookupException("reading " + target.subject() + " was interrupted", e);
        } catch (ExecutionException e) {
            throw TransportFailures.classify(e.getCause(), target);
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
