package dev.vigil.lb;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Kubernetes Service, read from the API server with a bearer token.
 *
 * @param namespace its namespace
 * @param name      its name
 * @param apiUrl    the API server; null for in-cluster ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT})
 * @param tokenFile the bearer token's file; null for the service account's
 * @param caFile    the API server's CA bundle; null for the service account's
 */
public record KubernetesService(String namespace, String name, URI apiUrl, Path tokenFile,
        Path caFile) {
    public KubernetesService {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }
}
