package dev.vigil.output;

/**
 * One configured route of one output kind: the {@link Route} every kind has (name, URL, filters) and what its kind
 * adds, e.g. Slack's mention. Each kind builds its own {@link Delivery}; {@link Deliveries} asks it to, for the agent
 * and for {@code vigil notify-test} alike, so neither maps kinds to senders. A kind whose delivery also re-sends the
 * alerts still firing on a cadence of its own implements {@link Resending} on that delivery.
 *
 * <p>Not sealed: each kind lives in a package of its own ({@code output.slack}, {@code output.webhook}) that imports
 * this one, and nothing switches over kinds; what differs between them is in their own methods.
 */
public interface RouteConfig {
    /** The name, URL and filters. */
    Route route();

    /** The kind's delivery to {@link #route()}, over the shared {@code client}; one attempt per call. */
    Delivery delivery(WebhookClient client);
}
