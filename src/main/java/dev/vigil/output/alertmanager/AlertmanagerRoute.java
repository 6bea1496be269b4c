package dev.vigil.output.alertmanager;

import dev.vigil.output.Delivery;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.Secret;
import dev.vigil.output.WebhookClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A route to one or more Alertmanagers ({@code outputs.alertmanager}): Vigil as an alert source, the way Prometheus
 * is one. Each URL is sent every alert, as Alertmanager's high availability expects (its instances gossip and
 * deduplicate notifications); one that fails does not hold back the others. Firing alerts are re-sent every
 * {@code resendInterval}.
 *
 * @param route          the name and filters; its URL is the first of {@code urls}
 * @param urls           the Alertmanagers' base URLs, e.g. {@code http://am1:9093}; secrets, as they may hold
 *                       basic-auth credentials ({@code user:password@})
 * @param resendInterval how often firing alerts are sent again; positive
 * @param timeout        the most one post waits for an answer's headers; positive
 * @param generatorUrl   the agent's URL, sent as each alert's {@code generatorURL}; null for none
 */
public record AlertmanagerRoute(Route route, List<Secret> urls, Duration resendInterval, Duration timeout,
        String generatorUrl) implements RouteConfig {
    /** Prometheus' default re-send delay. */
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
    /** As long as any other route's attempt may wait. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public AlertmanagerRoute {
        Objects.requireNonNull(route, "route");
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an Alertmanager route needs at least one URL");
        }
        Objects.requireNonNull(resendInterval, "resendInterval");
        Objects.requireNonNull(timeout, "timeout");
        if (!resendInterval.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("resendInterval and timeout must be positive");
        }
    }

    @Override
    public Delivery delivery(WebhookClient client) {
        return new AlertmanagerDelivery(this, new WebhookClient(client.http(), timeout, client.userAgent()),
                Clock.systemUTC());
    }
}
