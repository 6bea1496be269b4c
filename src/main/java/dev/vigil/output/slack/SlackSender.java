package dev.vigil.output.slack;

import dev.vigil.output.Delivery;
import dev.vigil.output.WebhookClient;
import dev.vigil.output.WebhookSender;
import java.util.Map;

/**
 * Sends {@link SlackMessage}s to one route's Slack incoming webhook, one attempt per call; a
 * {@link dev.vigil.output.RouteQueue} adds order, pacing and retries. Slack answers 200 {@code ok}, or an error code
 * in the body, which the outcome's reason explains: {@code invalid_payload} and {@code no_text} (400),
 * {@code action_prohibited} (403), {@code no_service} (404) and {@code channel_is_archived} (410) are dropped; 429 and
 * 5xx are retried. The delivery is thread-safe.
 */
final class SlackSender {
    private static final Map<String, String> MEANINGS = Map.of(
            "invalid_payload", "Slack rejected the message's JSON",
            "no_text", "Slack found no text in the message",
            "action_prohibited", "a workspace admin restricted posting to this channel",
            "no_service", "the webhook was revoked or its app removed",
            "channel_is_archived", "the channel is archived",
            "channel_not_found", "the channel no longer exists");

    private SlackSender() {
    }

    /** The delivery to {@code route}'s webhook, named {@code slack route '<name>'}. */
    public static Delivery delivery(SlackRoute route, WebhookClient client) {
        return new WebhookSender("slack", route.route(), client, n -> SlackMessage.render(n, route).toString(),
                SlackSender::explain);
    }

    /** Slack's error code with what it means, e.g. {@code no_service (the webhook was revoked or its app removed)}. */
    static String explain(String code) {
        String meaning = MEANINGS.get(code);
        return meaning == null ? code : code + " (" + meaning + ")";
    }
}
