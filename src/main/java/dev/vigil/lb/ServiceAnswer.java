package dev.vigil.lb;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.net.BoundedBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the API server's answer to {@code GET .../services/NAME}: the ingress list, or why there is none. */
final class ServiceAnswer {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ServiceAnswer() {
    }

    /** The ingress entries of a 200 answer; any other status, or a Service without ingress, fails. */
    static List<LbIngress> ingress(ApiTarget target, int status, BoundedBody body) throws LbLookupException {
        if (status != 200) {
            throw refusal(target, status, statusMessage(body));
        }
        if (body.truncated()) {
            throw new LbLookupException("the API server's answer for service " + target.serviceName()
                    + " is larger than " + KubernetesServiceReader.MAX_BODY_BYTES / 1024 + " KiB");
        }
        JsonNode service = parse(target, body.bytes());
        String kind = service.path("kind").asText("Service");
        if (!service.isObject() || !kind.equals("Service")) {
            throw new LbLookupException("the API server's answer for service " + target.serviceName()
                    + " is not a Service object" + (service.isObject() ? " (kind " + kind + ")" : ""));
        }
        List<LbIngress> ingress = new ArrayList<>();
        for (JsonNode entry : service.path("status").path("loadBalancer").path("ingress")) {
            String ip = text(entry, "ip");
            String hostname = text(entry, "hostname");
            if (ip != null || hostname != null) {
                ingress.add(new LbIngress(ip, hostname));
            }
        }
        if (ingress.isEmpty()) {
            throw new LbLookupException(noIngress(target, text(service.path("spec"), "type")));
        }
        return List.copyOf(ingress);
    }

    private static LbLookupException refusal(ApiTarget target, int status, String apiMessage) {
        String said = apiMessage == null ? "" : "; the API server said: " + apiMessage;
        return new LbLookupException(switch (status) {
            case 401 -> "the API server rejected the token from " + target.tokenFile()
                    + " (401): it is expired, revoked or for another cluster" + said;
            case 403 -> "forbidden (403): the service account needs `get` on `services` in namespace "
                    + target.service().namespace() + " — a Role rule: apiGroups: [\"\"], resources: [\"services\"], "
                    + "verbs: [\"get\"]" + said;
            case 404 -> "service " + target.serviceName() + " not found (404)" + (apiMessage == null
                    ? ": the answer is no Kubernetes Status; is " + target.apiUrl() + " the API server?" : "");
            default -> "the API server at " + target.apiUrl() + " answered " + status + " for service "
                    + target.serviceName() + said;
        });
    }

    private static String noIngress(ApiTarget target, String type) {
        String prefix = "service " + target.serviceName() + " has no load-balancer ingress";
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

    private static JsonNode parse(ApiTarget target, byte[] body) throws LbLookupException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new LbLookupException("the API server's answer for service " + target.serviceName()
                    + " is not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new LbLookupException("the API server's answer for service " + target.serviceName()
                    + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The {@code message} of a Kubernetes Status body, or null when the body is not one. */
    private static String statusMessage(BoundedBody body) {
        try {
            JsonNode status = JSON.readTree(body.bytes());
            return status != null && "Status".equals(status.path("kind").asText()) ? text(status, "message") : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A non-empty text field, or null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
