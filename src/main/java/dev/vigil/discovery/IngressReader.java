package dev.vigil.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.config.DiscoverySource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hosts of a {@code networking.k8s.io/v1} Ingress: each {@code spec.rules[].host}, https when it is among
 * {@code spec.tls[].hosts}, expected at the addresses of {@code status.loadBalancer.ingress[]}.
 */
final class IngressReader {
    private IngressReader() {
    }

    static Found read(JsonNode ingress) {
        ObjectRef source = ObjectRef.of(DiscoverySource.Kind.INGRESS, ingress);
        Set<String> tls = new HashSet<>();
        for (JsonNode entry : ingress.path("spec").path("tls")) {
            entry.path("hosts").forEach(host -> tls.add(Hosts.normal(host.asText())));
        }
        List<String> hosts = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            String host = Hosts.text(rule, "host");
            if (host != null) {
                hosts.add(host);
            }
        }
        if (hosts.isEmpty()) {
            return new Found(List.of(), List.of(new Skipped(source, null,
                    List.of("no rule names a host (spec.rules[].host): a catch-all rule has no host to probe"))));
        }
        return Hosts.routes(source, hosts, tls::contains, Hosts.loadBalancer(ingress.path("status")),
                Hosts.annotations(ingress));
    }
}
