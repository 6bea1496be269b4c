package dev.vigil.output;

import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every route has, whatever its kind: where notifications go (one Slack webhook, one JSON webhook) and which of
 * them. What a kind adds (Slack's mention) is in the kind's {@link RouteConfig}.
 *
 * @param name       the route's name, used in logs and errors instead of its URL
 * @param url        the webhook URL, a secret
 * @param severities the severities sent; empty for all
 * @param labels     probe labels that must all match; empty for every probe
 */
public record Route(String name, Secret url, Set<Severity> severities, Map<String, String> labels) {
    public Route {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        severities = Set.copyOf(severities);
        labels = Map.copyOf(labels);
    }

    /** Whether {@code notification} goes this way. */
    public boolean accepts(Notification notification) {
        return (severities.isEmpty() || severities.contains(notification.severity()))
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(notification.labels().get(e.getKey())));
    }
}
