package dev.vigil.lb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads where a Kubernetes Service of type LoadBalancer receives traffic: {@code status.loadBalancer.ingress} of
 * {@code GET /api/v1/namespaces/NS/services/NAME}, asked with a bearer token over TLS verified against a CA bundle.
 *
 * <p>Inside a cluster the API server is {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT} and the
 * token and CA are the service account's; a Service's {@code apiUrl}, {@code tokenFile} and {@code caFile} override
 * each. The token is read on every call, since it rotates, and appears in no message (see {@link ApiClient}).
 *
 * <p>Thread-safe; owns HTTP clients, released by {@link #close()}.
 */
public final class KubernetesServiceReader implements AutoCloseable {
    /** Where a pod's service account token and CA bundle are mounted. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    /** The largest answer read; a Service object is a few KiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Function<String, String> env;
    private final Path serviceAccountDir;
    private final ApiClient api = new ApiClient();

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
        return api.get(target, MAX_BODY_BYTES, timeout, (status, body) -> ServiceAnswer.ingress(target, status, body));
    }

    @Override
    public void close() {
        api.close();
    }
}
