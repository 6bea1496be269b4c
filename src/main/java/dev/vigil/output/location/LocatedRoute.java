package dev.vigil.output.location;

import dev.vigil.alert.Notification;
import dev.vigil.output.Delivery;
import dev.vigil.output.Outcome;
import dev.vigil.output.Resending;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.WebhookClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A route of any kind whose notifications carry the agent's location as one more label, {@code label="location"}:
 * an Alertmanager alert has it among its labels, a JSON webhook in {@code labels}, a Slack message on its context
 * line with the probe's labels. The label is added as each notification is sent, so the route's filters, the alert
 * book and the state file see the probe's own labels only. The location wins over a probe label of the same name,
 * which only a discovered probe can have (the config refuses it on a configured one).
 *
 * @param kind     the route as its kind configured it
 * @param label    the label name, e.g. {@code location}
 * @param location the agent's location, e.g. {@code eu-west}
 */
public record LocatedRoute(RouteConfig kind, String label, String location) implements RouteConfig {
    public LocatedRoute {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public Route route() {
        return kind.route();
    }

    @Override
    public Delivery delivery(WebhookClient client) {
        Delivery delivery = kind.delivery(client);
        return delivery instanceof Resending resending ? new LocatedResending(delivery, resending, this)
                : new LocatedDelivery(delivery, this);
    }

    /** {@code n} with the location among its labels. */
    Notification located(Notification n) {
        Map<String, String> labels = new LinkedHashMap<>(n.labels());
        labels.put(label, location);
        return new Notification(n.sequence(), n.type(), n.probe(), n.url(), labels, n.condition(), n.severity(),
                n.summary(), n.details(), n.facts(), n.at(), n.downFor(), n.symptoms());
    }

    private static class LocatedDelivery implements Delivery {
        private final Delivery delivery;
        final LocatedRoute route;

        LocatedDelivery(Delivery delivery, LocatedRoute route) {
            this.delivery = delivery;
            this.route = route;
        }

        @Override
        public String name() {
            return delivery.name();
        }

        @Override
        public Outcome send(Notification notification) throws InterruptedException {
            return delivery.send(route.located(notification));
        }
    }

    /** A located delivery that also re-sends, as its kind's does. */
    private static final class LocatedResending extends LocatedDelivery implements Resending {
        private final Resending resending;

        LocatedResending(Delivery delivery, Resending resending, LocatedRoute route) {
            super(delivery, route);
            this.resending = resending;
        }

        @Override
        public Duration resendInterval() {
            return resending.resendInterval();
        }

        @Override
        public void resendFiring() throws InterruptedException {
            resending.resendFiring();
        }

        @Override
        public void alreadyFiring(Notification latest) {
            resending.alreadyFiring(route.located(latest));
        }
    }
}
