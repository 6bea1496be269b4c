package dev.vigil.output;

import dev.vigil.alert.AlertPolicy;
import dev.vigil.output.pushgateway.PushgatewaySettings;
import java.util.List;
import java.util.Objects;

/**
 * Where results go besides {@code /metrics}: the config's {@code outputs}.
 *
 * @param pushgateway where metrics are pushed; null for nowhere
 * @param slack       Slack incoming-webhook routes
 * @param webhooks    generic JSON webhook routes
 * @param alerts      when alerts fire, resolve and remind
 */
public record Outputs(PushgatewaySettings pushgateway, List<Route> slack, List<Route> webhooks, AlertPolicy alerts) {
    public static final Outputs NONE = new Outputs(null, List.of(), List.of(), AlertPolicy.DEFAULT);

    public Outputs {
        slack = List.copyOf(slack);
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(alerts, "alerts");
    }
}
