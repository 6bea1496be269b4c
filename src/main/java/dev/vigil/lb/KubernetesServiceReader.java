package dev.vigil.lb;

import dev.vigil.net.BoundedBody;
import dev.vigil.net.BoundedBodySubscriber;
import dev.vigil.time.Durations;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Reads where a Kubernetes Service of type LoadBalancer receives traffic: {@code status.loadBalancer.ingress} of
 * {@code GET /api/v1/namespaces/NS/services/NAME}, asked with a bearer token over TLS verified against a CA bundle.
 *
 * <p>Inside a cluster the API server is {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT} and the
 * token and CA are the service account's; a Service's {@code apiUrl}, {@code tokenFile} and {@code caFile} override
 * each. The token is read on every call, since it rotates, and appears in no message. One TLS context is kept per CA
 * bundle and rebuilt when the file changes.
 *
 * <p>Thread-safe; owns {@link HttpClient}s, released by {@link #close()}.
 */
public final class KubernetesServiceReader implements AutoCloseable {
    /** Where a pod's service account token and CA bundle are mounted. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    /** The largest answer read; a Service object is a few KiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Function<String, String> env;
    private final Path serviceAccountDir;
    private final CaClients clients = new CaClients();

    /** A reader for this process's environment and the standard service account mount. */
    public KubernetesServiceReader() {
        this(System::getenv, SERVICE_ACCOUNT_DIR);
    }

    /**
     * @param env               looks up environment variables ({@code KUBERNETES_SERVICE_HOST} and {@code _PORT})
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     */
    public KubernetesServiceReader(Function<String, String> env, Path serviceAccountDir) {
        this.env = env;
        this.serviceAccountDir = serviceAccountDir;
    }

    /**
     * The Service's load-balancer ingress entries, in the API server's order; never empty.
     *
     * @param timeout the most the request may take, body included
     * @throws LbLookupException when the API server cannot be found, reached or trusted, refuses the token, has no such
     *                           Service, or the Service has no ingress yet; the message says which and what to fix
     */
    public List<LbIngress> read(KubernetesService service, Duration timeout) throws LbLookupException {
        ApiTarget target = ApiTarget.resolve(service, env, serviceAccountDir);
        String token = target.readToken(timeout);
        try {
            HttpResponse<BoundedBody> response = send(target, token, timeout);
            return ServiceAnswer.ingress(target, response.statusCode(), response.body());
        } catch (LbLookupException e) {
            throw withoutSecret(e, token);
        }
    }

    private HttpResponse<BoundedBody> send(ApiTarget target, String token, Duration timeout)
            throws LbLookupException {
        HttpClient http = client(target);
        HttpRequest request = HttpRequest.newBuilder(target.serviceUri())
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .build();
        AtomicBoolean headersArrived = new AtomicBoolean();
        CompletableFuture<HttpResponse<BoundedBody>> future = http.sendAsync(request, info -> {
            headersArrived.set(true);
            return new BoundedBodySubscriber(MAX_BODY_BYTES);
        });
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new LbLookupException("the API server at " + target.apiUrl() + " did not "
                    + (headersArrived.get() ? "finish its answer" : "answer") + " within "
                    + Durations.format(timeout) + " (service " + target.serviceName() + ")", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new LbLookupException("reading service " + target.serviceName() + " was interrupted", e);
        } catch (ExecutionException e) {
            throw TransportFailures.classify(e.getCause(), target);
        }
    }

    private HttpClient client(ApiTarget target) throws LbLookupException {
        try {
            return clients.forCa(target.caFile());
        } catch (IOException e) {
            throw new LbLookupException("cannot use the CA bundle " + target.caFile() + ": " + ApiTarget.problem(e)
                    + (target.serviceAccountCa() ? "; outside a cluster set expect.kubernetesService.caFile" : ""), e);
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
