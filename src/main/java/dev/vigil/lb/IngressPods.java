package dev.vigil.lb;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The ingress controller's pods, listed from the API server with a bearer token to learn when they (re)started.
 *
 * @param namespace     their namespace
 * @param labelSelector a Kubernetes label selector that matches them, e.g. {@code app.kubernetes.io/name=traefik}
 * @param apiUrl        the API server; null for in-cluster ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT})
 * @param tokenFile     the bearer token's file; null for the service account's
 * @param caFile        the API server's CA bundle; null for the service account's
 */
public record IngressPods(String namespace, String labelSelector, URI apiUrl, Path tokenFile, Path caFile) {
    public IngressPods {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(labelSelector, "labelSelector");
    }
}
