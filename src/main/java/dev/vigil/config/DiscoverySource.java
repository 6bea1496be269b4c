package dev.vigil.config;

import java.util.List;
import java.util.Objects;

/**
 * One {@code discovery.sources[]} entry: which objects to turn into probes, and the probe each host starts from.
 *
 * @param at            where it is in the config, e.g. {@code $.discovery.sources[0]}
 * @param kind          the kind of object
 * @param namespaces    the namespaces to watch, sorted; empty for all (which needs a ClusterRole)
 * @param labelSelector a Kubernetes label selector; null for every object
 * @param optIn         when true only objects annotated {@code vigil.dev/probe: "true"} are probed; when false all
 *                      are, but those annotated {@code "false"}
 * @param loadBalancer  for {@link Kind#INGRESS_ROUTE}: the Traefik Service whose load balancer its hosts are
 *                      reached on; null when not set (then no addresses are expected)
 * @param template      the probe settings each discovered host starts from
 */
public record DiscoverySource(String at, Kind kind, List<String> namespaces, String labelSelector, boolean optIn,
        ServiceRef loadBalancer, ProbeTemplate template) {
    /** The kinds of objects probes are discovered from. */
    public enum Kind {
        /** {@code networking.k8s.io/v1} Ingress. */
        INGRESS("ingress"),
        /** Gateway API {@code HTTPRoute}, with its parent Gateways. */
        HTTP_ROUTE("httproute"),
        /** Traefik {@code traefik.io/v1alpha1} IngressRoute. */
        INGRESS_ROUTE("ingressroute");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** As the config and probe names write it, e.g. {@code httproute}. */
        public String id() {
            return id;
        }
    }

    /**
     * A Service named by namespace and name.
     *
     * @param namespace its namespace
     * @param name      its name
     */
    public record ServiceRef(String namespace, String name) {
        public ServiceRef {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    public DiscoverySource {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(template, "template");
        namespaces = namespaces.stream().sorted().distinct().toList();
    }
}
