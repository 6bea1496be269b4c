package dev.vigil.lb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.net.BoundedBody;
import java.util.ArrayList;
import java.util.List;

/** Reads the API server's answer to {@code GET .../services/NAME}: the ingress list, or why there is none. */
final class ServiceAnswer {
    private ServiceAnswer() {
    }

    /** The ingress entries of a 200 answer; any other status, or a Service without ingress, fails. */
    static List<LbIngress> ingress(ApiTarget target, int status, BoundedBody body) throws LbLookupException {
        JsonNode service = ApiAnswer.ok(target, status, body, KubernetesServiceReader.MAX_BODY_BYTES);
        String kind = service.path("kind").asText("Service");
        if (!service.isObject() || !kind.equals("Service")) {
            throw new LbLookupException("the API server's answer for " + target.subject()
                    + " is not a Service object" + (service.isObject() ? " (kind " + kind + ")" : ""));
        }
        List<LbIngress> ingress = new ArrayList<>();
        for (JsonNode entry : service.path("status").path("loadBalancer").path("ingress")) {
            String ip = ApiAnswer.text(entry, "ip");
            String hostname = ApiAnswer.text(entry, "hostname");
            if (ip != null || hostname != null) {
                ingress.add(new LbIngress(ip, hostname));
            }
        }
        if (ingress.isEmpty()) {
            throw new LbLookupException(noIngress(target, ApiAnswer.text(service.path("spec"), "type")));
        }
        return List.copyOf(ingress);
    }

    private static String noIngress(ApiTarget target, String type) {
        String prefix = target.subject() + " has no load-balancer ingress";
        String empty = " (status.loadBalancer.ingress is empty): ";
        if (type == null) {
            return prefix + " yet" + empty + "the cloud load balancer is still being created, or the Service is not "
                    + "of type LoadBalancer";
        }
        if (type.equals("LoadBalancer")) {
            return prefix + " yet" + empty + "the cloud load balancer is still being created, or no load-balancer "
                    + "controller serves this cluster (the Service is of type LoadBalancer)";
        }
        return prefix + empty + "the Service is not of type LoadBalancer (it is " + type + ")";
    }
}
