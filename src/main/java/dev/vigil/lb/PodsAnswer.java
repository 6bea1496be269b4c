package dev.vigil.lb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.net.BoundedBody;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads the API server's answer to {@code GET .../pods?labelSelector=...}: when each pod and container started. */
final class PodsAnswer {
    private PodsAnswer() {
    }

    /**
     * The start times of the first {@code maxPods} pods of a 200 answer, of at most {@code maxContainers} containers
     * each; any other status, or an answer that is no pod list, fails. A time that is no RFC 3339 time is left out.
     */
    static List<PodStarts> starts(ApiTarget target, int status, BoundedBody body, int maxPods, int maxContainers)
            throws LbLookupException {
        JsonNode list = ApiAnswer.ok(target, status, body, KubernetesPods.MAX_BODY_BYTES);
        String kind = list.path("kind").asText("PodList");
        if (!list.isObject() || !kind.equals("PodList") || !list.path("items").isArray()) {
            throw new LbLookupException("the API server's answer for " + target.subject() + " is not a pod list"
                    + (list.isObject() && !kind.equals("PodList") ? " (kind " + kind + ")" : ""));
        }
        List<PodStarts> pods = new ArrayList<>();
        for (JsonNode pod : list.path("items")) {
            String name = ApiAnswer.text(pod.path("metadata"), "name");
            if (name == null) {
                continue;
            }
            if (pods.size() == maxPods) {
                break;
            }
            pods.add(pod(name, pod.path("status"), maxContainers));
        }
        return List.copyOf(pods);
    }

    private static PodStarts pod(String name, JsonNode status, int maxContainers) {
        List<Instant> starts = new ArrayList<>();
        time(status, "startTime", starts);
        int restarts = 0;
        int containers = 0;
        for (JsonNode container : status.path("containerStatuses")) {
            if (containers++ == maxContainers) {
                break;
            }
            // Kubernetes keeps a container's current run and the one before: older restarts leave only the count.
            time(container.path("state").path("running"), "startedAt", starts);
            time(container.path("lastState").path("terminated"), "startedAt", starts);
            int count = container.path("restartCount").asInt(0);
            restarts = (int) Math.min(Integer.MAX_VALUE, (long) restarts + Math.max(0, count));
        }
        return new PodStarts(name, starts, restarts);
    }

    private static void time(JsonNode node, String field, List<Instant> into) {
        String text = ApiAnswer.text(node, field);
        if (text != null) {
            try {
                into.add(Instant.parse(text));
            } catch (DateTimeParseException e) {
                // Not a time: the pod's other starts still count.
            }
        }
    }
}
