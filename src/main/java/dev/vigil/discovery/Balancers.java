package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.DiscoverySource;
import dev.vigil.lb.LbIngress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load balancers behind discovered hosts, read from the objects whose status gives their addresses, each named as
 * messages say it: {@code ingress shop/web}, {@code gateway infra/public}, {@code service kube-system/traefik}.
 */
final class Balancers {
    private final Map<String, List<LbIngress>> all = new TreeMap<>();

    /** An Ingress, whose own {@code status.loadBalancer} its hosts are reached on. */
    void ingress(JsonNode ingress) {
        all.put(name("ingress", ingress), Hosts.loadBalancer(ingress.path("status")));
    }

    /** A Gateway, whose {@code status.addresses} its routes' hosts are reached on. */
    void gateway(JsonNode gateway) {
        all.put(name("gateway", gateway), HttpRouteReader.addresses(gateway));
    }

    /** A Service of the namespace a source's Traefik Service is in; only that one counts. */
    void service(JsonNode service, DiscoverySource.ServiceRef traefik) {
        if (service.path("metadata").path("name").asText("").equals(traefik.name())) {
            all.put(name("service", service), Hosts.loadBalancer(service.path("status")));
        }
    }

    /** Every balancer read, sorted by name. */
    Map<String, List<LbIngress>> all() {
        return all;
    }

    /** The name of a balancer of {@code kind}, e.g. {@code service kube-system/traefik}. */
    static String name(String kind, String namespace, String name) {
        return kind + " " + namespace + "/" + name;
    }

    private static String name(String kind, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        return name(kind, metadata.path("namespace").asText(""), metadata.path("name").asText(""));
    }
}
