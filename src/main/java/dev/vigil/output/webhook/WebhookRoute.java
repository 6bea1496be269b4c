package dev.vigil.output.webhook;

import dev.vigil.output.Delivery;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.WebhookClient;
import java.util.Objects;

/**
 * A route to a generic webhook taking {@link JsonWebhook} bodies.
 *
 * @param route the name, URL and filters
 */
public record WebhookRoute(Route route) implements RouteConfig {
    public WebhookRoute {
        Objects.requireNonNull(route, "route");
    }

    @Override
    public Delivery delivery(WebhookClient client) {
        return JsonWebhook.delivery(route, client);
    }
}
