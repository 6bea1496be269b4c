package dev.vigil.output.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Notification;
import dev.vigil.output.Delivery;
import dev.vigil.output.Route;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.Secret;
import dev.vigil.output.WebhookClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * What a Slack route without a mention shows for {@code n}, as plain text for a terminal ({@code vigil demo}): the
     * text of each block on lines of its own, a fact as {@code Label: value}, Slack's {@code &amp;}, {@code &lt;} and
     * {@code &gt;} escapes undone. The message's {@code text} fallback is left out: it repeats the header and summary.
     */
    public static String preview(Notification n) {
        ObjectNode message = SlackMessage.render(n, new SlackRoute(new Route("preview", new Secret("preview"),
                Set.of(), Map.of()), null));
        List<String> lines = new ArrayList<>();
        for (JsonNode block : message.path("blocks")) {
            lines.add(block.path("text").path("text").asText(""));
            block.path("fields").forEach(field -> lines.add(field.path("text").asText()
                    .replaceFirst("^\\*(.*?)\\*\n", "$1: ")));
            block.path("elements").forEach(element -> lines.add(element.path("text").asText()));
        }
        return lines.stream().filter(line -> !line.isEmpty())
                .map(line -> line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                .collect(Collectors.joining("\n"));
    }
}
