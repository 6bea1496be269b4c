package dev.vigil.output.slack;

import dev.vigil.output.Delivery;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.WebhookClient;
import java.util.Objects;

/**
 * A route to a Slack incoming webhook.
 *
 * @param route   the name, webhook URL and filters
 * @param mention text put before critical firing messages and critical events, e.g. {@code <!here>}; null for none
 */
public record SlackRoute(Route route, String mention) implements RouteConfig {
    public SlackRoute {
        Objects.requireNonNull(route, "route");
    }

    @Override
    public Delivery delivery(WebhookClient client) {
        return SlackSender.delivery(this, client);
    }
}
