package dev.vigil.config;

import dev.vigil.alert.AlertPolicy;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.alertmanager.AlertmanagerRoute;
import dev.vigil.output.location.LocatedRoute;
import dev.vigil.output.pushgateway.PushgatewaySettings;
import java.util.List;
import java.util.Objects;

/**
 * Where results go besides {@code /metrics}: the config's {@code outputs}. It lives with the config rather than in
 * {@code output}, which would otherwise import {@code output.pushgateway}, which imports it.
 *
 * @param pushgateway where metrics are pushed; null for nowhere
 * @param routes      where notifications go, of every kind (Slack, JSON webhooks, Alertmanager), in the config's
 *                    order: kind by kind, each kind's routes as listed; names are unique across kinds
 * @param alerts      when alerts fire, resolve and remind
 */
public record Outputs(PushgatewaySettings pushgateway, List<RouteConfig> routes, AlertPolicy alerts) {
    public static final Outputs NONE = new Outputs(null, List.of(), AlertPolicy.DEFAULT);

    public Outputs {
        routes = List.copyOf(routes);
        Objects.requireNonNull(alerts, "alerts");
    }

    /**
     * The names of the routes that deliver to people directly (Slack, JSON webhooks): every kind but Alertmanager,
     * which deduplicates the same alert sent by several agents.
     */
    public List<String> directRoutes() {
        return routes.stream()
                .filter(route -> !((route instanceof LocatedRoute located ? located.kind() : route) instanceof AlertmanagerRoute))
                .map(route -> route.route().name()).toList();
    }
}
