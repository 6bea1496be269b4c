package dev.vigil.lb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Reads when the ingress controller's pods started and restarted: {@code GET /api/v1/namespaces/NS/pods?labelSelector=S}
 * asked as {@link KubernetesServiceReader} asks for a Service (the same in-cluster defaults, token and CA handling),
 * with a Role that grants {@code list} on {@code pods}. At most {@value #MAX_PODS} pods of at most
 * {@value #MAX_CONTAINERS} containers each are read.
 *
 * <p>Thread-safe; owns HTTP clients, released by {@link #close()}.
 */
public final class KubernetesPods implements AutoCloseable {
    /** The most pods read; an ingress controller runs a handful. */
    static final int MAX_PODS = 50;
    /** The most containers read of one pod. */
    static final int MAX_CONTAINERS = 20;
    /** The largest answer read: {@value #MAX_PODS} pod objects of tens of KiB each. */
    static final long MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final Function<String, String> env;
    private final Path serviceAccountDir;
    private final ApiClient api = new ApiClient();

    /** A reader for this process's environment and the standard service account mount. */
    public KubernetesPods() {
        this(System::getenv, KubernetesServiceReader.SERVICE_ACCOUNT_DIR);
    }

    /**
     * @param env               looks up environment variables ({@code KUBERNETES_SERVICE_HOST} and {@code _PORT})
     * @param serviceAccountDir holds the service account's {@code token} and {@code ca.crt}
     */
    public KubernetesPods(Function<String, String> env, Path serviceAccountDir) {
        this.env = env;
        this.serviceAccountDir = serviceAccountDir;
    }

    /**
     * When each matching pod started and restarted, in the API server's order; empty when none matches.
     *
     * @param timeout the most the request may take, body included
     * @throws LbLookupException when the API server cannot be found, reached or trusted, refuses the token or the
     *                           listing, or answers with no pod list; the message says which and what to fix
     */
    public List<PodStarts> read(IngressPods pods, Duration timeout) throws LbLookupException {
        ApiTarget target = ApiTarget.resolve(pods, MAX_PODS, env, serviceAccountDir);
        return api.get(target, MAX_BODY_BYTES, timeout,
                (status, body) -> PodsAnswer.starts(target, status, body, MAX_PODS, MAX_CONTAINERS));
    }

    @Override
    public void close() {
        api.close();
    }
}
