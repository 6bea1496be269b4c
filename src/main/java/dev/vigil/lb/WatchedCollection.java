package dev.vigil.lb;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The objects of one kind to list and watch: in one namespace or all, perhaps only those a label selector matches.
 *
 * @param resource      the kind
 * @param namespace     the namespace; null for all namespaces (which needs a ClusterRole)
 * @param labelSelector a Kubernetes label selector, e.g. {@code team=shop,tier!=canary}; null for every object
 * @param settings      the config key the collection comes from, as messages name it, e.g. {@code discovery.sources[0]}
 * @param apiUrl        the API server; null for in-cluster ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT})
 * @param tokenFile     the bearer token's file; null for the service account's
 * @param caFile        the API server's CA bundle; null for the service account's
 */
public record WatchedCollection(ApiResource resource, String namespace, String labelSelector, String settings,
        URI apiUrl, Path tokenFile, Path caFile) {
    public WatchedCollection {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(settings, "settings");
    }

    /** What is read, as messages name it, e.g. {@code ingresses in namespace shop matching 'team=shop'}. */
    public String subject() {
        return resource.plural() + (namespace == null ? " in all namespaces" : " in namespace " + namespace)
                + (labelSelector == null ? "" : " matching '" + labelSelector + "'");
    }
}
