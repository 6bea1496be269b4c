package dev.vigil.output.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.Condition;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.output.Notifications;
import dev.vigil.output.Route;
import dev.vigil.output.Secret;
import dev.vigil.output.TestMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Block Kit payloads, field by field, and Slack's limits under huge inputs. */
class SlackMessageTest {
    private static final SlackRoute ROUTE = new SlackRoute(new Route("ops",
            new Secret("https://hooks.slack.com/services/T0/B0/x"), Set.of(), Map.of()), "<!here>");

    @Test
    void criticalFiringMentionsAndShowsEverything() {
        ObjectNode message = SlackMessage.render(Notifications.firing(42), ROUTE);
        assertEquals("<!here> 🔴 Firing · api · down: connection refused", message.get("text").asText());
        JsonNode blocks = message.get("blocks");
        assertEquals(5, blocks.size());
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals("plain_text", blocks.get(0).get("text").get("type").asText());
        assertEquals("🔴 Firing · api · down", blocks.get(0).get("text").get("text").asText());
        assertEquals("section", blocks.get(1).get("type").asText());
        assertEquals("mrkdwn", blocks.get(1).get("text").get("type").asText());
        assertEquals("<!here> *connection refused*\nhttps://api.example.com/health",
                blocks.get(1).get("text").get("text").asText());
        assertEquals("• Nothing listens on 10.0.0.1:443.\n• Check that the service runs.",
                blocks.get(2).get("text").get("text").asText());
        JsonNode fields = blocks.get(3).get("fields");
        assertEquals(1, fields.size());
        assertEquals("mrkdwn", fields.get(0).get("type").asText());
        assertEquals("*DNS*\napi.example.com -&gt; 10.0.0.1", fields.get(0).get("text").asText());
        assertEquals("context", blocks.get(4).get("type").asText());
        assertEquals("`down` · critical · #42 · 2025-06-22T10:00:00Z · env=prod",
                blocks.get(4).get("elements").get(0).get("text").asText());
    }

    /** A cause is the summary: the notification's first line says it, before the symptoms in the bullets. */
    @Test
    void theChurnWarningSaysItsCauseFirst() {
        String cause = "3 certificates for {api.example.com, www.api.example.com} in 2 h 10 m, each about 89 days"
                + " before the previous one would expire: the ingress is requesting a new certificate every time it"
                + " starts; its ACME storage (Traefik acme.json, a cert-manager Secret) is probably not persistent."
                + " 2 of 5 left; the next returns at 2026-12-02 14:00 UTC, in 31 h.";
        Notification churn = new Notification(7, Notification.Type.FIRING, "api", "https://api.example.com/",
                Map.of(), Condition.CERT_CHURN, Severity.WARNING, cause, List.of(), Map.of(), Notifications.AT, null);

        ObjectNode message = SlackMessage.render(churn, ROUTE);

        assertEquals("⚠️ Firing · api · certificate re-issued on every restart: " + cause, message.get("text").asText());
        assertEquals("*" + cause + "*\nhttps://api.example.com/",
                message.get("blocks").get(1).get("text").get("text").asText());
    }

    /** An incident: the cause in bold, the evidence as bullets, then the symptoms it explains under their heading. */
    @Test
    void anIncidentListsItsSymptomsUnderTheCause() {
        Notification incident = new Notification(8, Notification.Type.FIRING, "api", "https://api.example.com/",
                Map.of(), Condition.CERT_INVALID, Severity.CRITICAL, "The CA refuses new certificates <until> T.",
                List.of("evidence"), Map.of(), Notifications.AT, null,
                List.of("cert_untrusted: a self-signed certificate", "issuer changed & names too"));

        ObjectNode message = SlackMessage.render(incident, ROUTE);

        assertEquals("<!here> *The CA refuses new certificates &lt;until&gt; T.*\nhttps://api.example.com/",
                message.get("blocks").get(1).get("text").get("text").asText());
        assertEquals("• evidence", message.get("blocks").get(2).get("text").get("text").asText());
        assertEquals("*Symptoms*\n• cert_untrusted: a self-signed certificate\n• issuer changed &amp; names too",
                message.get("blocks").get(3).get("text").get("text").asText());
    }

    @Test
    void resolvedSaysHowLongItWasDownAndMentionsNobody() {
        ObjectNode message = SlackMessage.render(Notifications.resolved(43, Duration.ofMinutes(63)), ROUTE);
        assertEquals("✅ Resolved · api · down: connection refused (down for 1h 3m)", message.get("text").asText());
        assertEquals("✅ Resolved · api · down", message.at("/blocks/0/text/text").asText());
        assertEquals("*connection refused*\nhttps://api.example.com/health\nDown for 1h 3m",
                message.at("/blocks/1/text/text").asText());
    }

    @Test
    void titlesByTypeAndSeverity() {
        assertEquals("⚠️ Firing · shop · certificate expiring", title(Notification.Type.FIRING, Severity.WARNING));
        assertEquals("⚠️ Event · shop · certificate expiring", title(Notification.Type.EVENT, Severity.WARNING));
        assertEquals("🔴 Event · shop · certificate expiring", title(Notification.Type.EVENT, Severity.CRITICAL));
        assertEquals("ℹ️ Event · shop · certificate expiring", title(Notification.Type.EVENT, Severity.INFO));
        assertEquals("🔁 Still firing · shop · certificate expiring", title(Notification.Type.REMINDER, Severity.CRITICAL));
    }

    @Test
    void onlyCriticalFiringAndEventsMention() {
        assertTrue(text(Notification.Type.EVENT, Severity.CRITICAL).startsWith("<!here> "));
        assertFalse(text(Notification.Type.REMINDER, Severity.CRITICAL).contains("<!here>"));
        assertFalse(text(Notification.Type.FIRING, Severity.WARNING).contains("<!here>"));
        SlackRoute quiet = new SlackRoute(new Route("quiet", ROUTE.route().url(), Set.of(), Map.of()), null);
        assertEquals("🔴 Firing · api · down: connection refused",
                SlackMessage.render(Notifications.firing(1), quiet).get("text").asText());
    }

    @Test
    void aTestMessageHasNoUrlAndMentionsNobody() {
        ObjectNode message = SlackMessage.render(TestMessage.of(ROUTE.route(), "box1", Notifications.AT), ROUTE);
        assertEquals("🧪 Test · vigil · test message: Test message from Vigil on box1: route 'ops' works",
                message.get("text").asText());
        assertEquals("🧪 Test · vigil · test message", message.at("/blocks/0/text/text").asText());
        assertEquals("*Test message from Vigil on box1: route 'ops' works*", message.at("/blocks/1/text/text").asText());
        assertEquals("• This route receives alerts of every severity, from every probe.\n• Sent by vigil notify-test;"
                + " nothing is wrong.", message.at("/blocks/2/text/text").asText());
        assertEquals("`test` · info · #0 · 2025-06-22T10:00:00Z", message.at("/blocks/3/elements/0/text").asText());
        assertEquals(4, message.get("blocks").size());
    }

    @Test
    void factsBecomeFieldsInOrder() {
        JsonNode fields = SlackMessage.render(Notifications.cert(Notification.Type.FIRING, Severity.WARNING), ROUTE)
                .at("/blocks/3/fields");
        assertEquals(List.of("*Issuer*\nR11", "*Serial*\n04:a1", "*Expires*\n2025-07-01T00:00:00Z"),
                fields.findValuesAsText("text"));
    }

    @Test
    void userTextIsEscaped() {
        Notification n = new Notification(1, Notification.Type.FIRING, "a<b>", "https://x/?a=1&b=2", Map.of(),
                Condition.DOWN, Severity.WARNING, "<!channel> & co", List.of(), Map.of(), Notifications.AT, null);
        ObjectNode message = SlackMessage.render(n, ROUTE);
        assertEquals("⚠️ Firing · a&lt;b&gt; · down: &lt;!channel&gt; &amp; co", message.get("text").asText());
        assertEquals("*&lt;!channel&gt; &amp; co*\nhttps://x/?a=1&amp;b=2", message.at("/blocks/1/text/text").asText());
    }

    @Test
    void hugeInputsStayWithinSlacksLimits() {
        String huge = "x".repeat(10_000);
        List<String> details = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            details.add(i + " " + "sentence ".repeat(300));
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < 45; i++) {
            facts.put("Fact " + i, "&".repeat(3000));
        }
        Notification n = new Notification(1, Notification.Type.FIRING, huge, huge, Map.of("k", huge),
                Condition.DOWN, Severity.CRITICAL, huge, details, facts, Notifications.AT, null);
        ObjectNode message = SlackMessage.render(n, ROUTE);

        assertTrue(message.get("text").asText().length() <= SlackMessage.MAX_TEXT);
        JsonNode blocks = message.get("blocks");
        assertEquals(SlackMessage.MAX_BLOCKS, blocks.size());
        assertTrue(blocks.get(0).at("/text/text").asText().length() <= SlackMessage.MAX_HEADER);
        assertTrue(blocks.get(1).at("/text/text").asText().endsWith("… (truncated)"));
        assertEquals("context", blocks.get(49).get("type").asText());
        assertTrue(blocks.get(48).at("/elements/0/text").asText().matches("… \\(\\d+ more blocks truncated\\)"));
        for (JsonNode block : blocks) {
            texts(block).forEach(text -> assertTrue(text.length() <= SlackMessage.MAX_TEXT, block.toString()));
            if (block.has("fields")) {
                assertTrue(block.get("fields").size() <= SlackMessage.MAX_FIELDS);
                block.get("fields").findValuesAsText("text").forEach(field -> {
                    assertTrue(field.length() <= SlackMessage.MAX_FIELD_TEXT);
                    assertTrue(field.endsWith("&amp;… (truncated)"), field.substring(field.length() - 30));
                });
            }
        }
    }

    /** Every string {@code text} property in {@code node}, however deep. */
    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.properties().forEach(property -> {
            if (property.getKey().equals("text") && property.getValue().isTextual()) {
                texts.add(property.getValue().asText());
            }
        });
        node.forEach(child -> texts.addAll(texts(child)));
        return texts;
    }

    private static String title(Notification.Type type, Severity severity) {
        return SlackMessage.render(Notifications.cert(type, severity), ROUTE).at("/blocks/0/text/text").asText();
    }

    private static String text(Notification.Type type, Severity severity) {
        return SlackMessage.render(Notifications.cert(type, severity), ROUTE).get("text").asText();
    }
}
