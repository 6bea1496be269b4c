package dev.vigil.output.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Notification;
import dev.vigil.output.Delivery;
import dev.vigil.output.Route;
import dev.vigil.output.WebhookClient;
import dev.vigil.output.WebhookSender;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Sends notifications to one route's generic webhook as JSON, one attempt per call; a
 * {@link dev.vigil.output.RouteQueue} adds order, pacing and retries. Any 2xx is delivered; 429 (honouring
 * {@code Retry-After} seconds), 408, 5xx, timeouts and connection failures are retried; any other status is dropped.
 * The delivery is thread-safe.
 *
 * <p>The body, schema version 1 (fields are only ever added within a version):
 * <pre>{@code
 * {
 *   "version": 1,                      // this schema
 *   "type": "firing",                  // firing | reminder | resolved | event | test
 *   "probe": "api",                    // the probe's name; "vigil" in a test message; the balancer, e.g.
 *                                      // "ingress shop/web", in lb_changed and lb_gone
 *   "url": "https://api.example.com/", // the probe's URL; "" in a test message
 *   "labels": {"team": "ops"},         // the probe's labels, and the agent's location if it has one; possibly empty
 *   "condition": "cert_expiring",      // down | cert_invalid | cert_expiring | cert_changed | duplicate_limit | cert_churn | cert_not_served | dns_lb_mismatch | lb_changed | lb_gone | test
 *   "severity": "warning",             // info | warning | critical; a resolved message keeps its firing severity
 *   "summary": "certificate expires in 9 days",
 *   "details": ["…", "…"],             // sentences: why, and what to do; possibly empty
 *   "symptoms": ["…"],                 // what the cause in the summary explains, one line each; possibly empty
 *   "facts": {"Issuer": "R11", "Expires": "2025-07-01T00:00:00Z"}, // labelled facts, in order; possibly empty
 *   "at": "2025-06-22T10:00:00Z",      // when it happened, ISO-8601 UTC
 *   "downForSeconds": 3780,            // resolved only: how long the alert was failing; null otherwise
 *   "sequence": 42                     // increases per agent: orders messages, and repeats if one is sent twice
 * }
 * }</pre>
 *
 * <p>{@code vigil notify-test} sends a test message: type and condition {@code test}, probe {@code vigil}, an empty
 * URL, no labels or facts, severity {@code info} and sequence 0.
 */
final class JsonWebhook {
    /** The {@code version} field. */
    public static final int VERSION = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonWebhook() {
    }

    /** The delivery to {@code route}'s URL, named {@code webhook route '<name>'}. */
    public static Delivery delivery(Route route, WebhookClient client) {
        return new WebhookSender("webhook", route, client, n -> render(n).toString(), UnaryOperator.identity());
    }

    /** The request body for {@code n}, as in the class description. */
    public static ObjectNode render(Notification n) {
        ObjectNode body = JSON.objectNode()
                .put("version", VERSION)
                .put("type", n.type().name().toLowerCase(Locale.ROOT))
                .put("probe", n.probe())
                .put("url", n.url());
        putStrings(body.putObject("labels"), n.labels());
        body.put("condition", n.condition().id())
                .put("severity", n.severity().id())
                .put("summary", n.summary());
        n.details().forEach(body.putArray("details")::add);
        n.symptoms().forEach(body.putArray("symptoms")::add);
        putStrings(body.putObject("facts"), n.facts());
        body.put("at", n.at().toString());
        if (n.downFor() == null) {
            body.putNull("downForSeconds");
        } else {
            body.put("downForSeconds", n.downFor().toSeconds());
        }
        return body.put("sequence", n.sequence());
    }

    private static void putStrings(ObjectNode node, Map<String, String> values) {
        values.forEach(node::put);
    }
}
