package dev.vigil.demo;

import dev.vigil.alert.Notification;
import dev.vigil.output.Delivery;
import dev.vigil.output.Outcome;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.Secret;
import dev.vigil.output.WebhookClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The demo's alert route: every notification the agent sends is handed, in order, to the demo's own thread, which
 * prints it as a Slack route would receive it. It goes through the agent's real route queue (order, pacing); only
 * the last step, the HTTP request, is replaced by a hand-over in memory.
 */
final class DemoRoute implements RouteConfig {
    private static final Route ROUTE = new Route("demo", new Secret("in-memory"), Set.of(), Map.of());

    /** Far more than one demo sends; a full queue makes the agent retry later rather than grow it. */
    private static final int CAPACITY = 1000;

    private final LinkedBlockingQueue<Notification> received = new LinkedBlockingQueue<>(CAPACITY);

    @Override
    public Route route() {
        return ROUTE;
    }

    @Override
    public Delivery delivery(WebhookClient client) {
        return new Delivery() {
            @Override
            public String name() {
                return "demo route";
            }

            @Override
            public Outcome send(Notification notification) {
                return received.offer(notification) ? Outcome.delivered()
                        : Outcome.retryLater("the demo has not printed the earlier messages yet", null);
            }
        };
    }

    /** The next notification sent, waiting at most {@code wait}; null if none came. */
    Notification next(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
