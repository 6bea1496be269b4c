package dev.vigil.output.location;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.output.Delivery;
import dev.vigil.output.FakeWebhook;
import dev.vigil.output.Notifications;
import dev.vigil.output.Outcome;
import dev.vigil.output.Resending;
import dev.vigil.output.RouteConfig;
import dev.vigil.output.Secret;
import dev.vigil.output.alertmanager.AlertmanagerRoute;
import dev.vigil.output.slack.SlackRoute;
import dev.vigil.output.webhook.WebhookRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A located route of each kind: what reaches the receiver carries the agent's location. */
class LocatedRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeWebhook receiver = new FakeWebhook();

    @BeforeEach
    void answer() {
        receiver.server().stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Delivery delivery(RouteConfig kind) {
        return new LocatedRoute(kind, "region", "eu-west").delivery(FakeWebhook.client(Duration.ofSeconds(5)));
    }

    private List<JsonNode> bodies() throws Exception {
        List<JsonNode> bodies = new ArrayList<>();
        for (var request : receiver.server().findAll(postRequestedFor(anyUrl()))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void anAlertmanagerAlertHasTheLocationAmongItsLabelsAlsoWhenReSent() throws Exception {
        Delivery delivery = delivery(new AlertmanagerRoute(receiver.route("am"), List.of(new Secret(receiver.url())),
                Duration.ofMinutes(1), Duration.ofSeconds(5), null));

        assertEquals(Outcome.delivered(), delivery.send(Notifications.firing(1)));
        ((Resending) delivery).resendFiring();

        List<JsonNode> posts = bodies();
        assertEquals(2, posts.size(), posts.toString());
        for (JsonNode post : posts) {
            JsonNode labels = post.get(0).get("labels");
            assertEquals("eu-west", labels.path("region").asText(), labels.toString());
            assertEquals("prod", labels.path("env").asText(), "the probe's own labels stay: " + labels);
        }
    }

    @Test
    void anAlertFiringAtStartIsReSentWithTheLocation() throws Exception {
        Resending delivery = (Resending) delivery(new AlertmanagerRoute(receiver.route("am"),
                List.of(new Secret(receiver.url())), Duration.ofMinutes(1), Duration.ofSeconds(5), null));

        delivery.alreadyFiring(Notifications.firing(1));
        delivery.resendFiring();

        assertEquals("eu-west", bodies().getFirst().get(0).at("/labels/region").asText());
    }

    @Test
    void aJsonWebhookHasTheLocationInItsLabels() throws Exception {
        delivery(new WebhookRoute(receiver.route("hook"))).send(Notifications.firing(1));

        JsonNode body = bodies().getFirst();
        assertEquals("{\"env\":\"prod\",\"region\":\"eu-west\"}", body.get("labels").toString());
    }

    @Test
    void aSlackMessageShowsTheLocationWithTheLabels() throws Exception {
        delivery(new SlackRoute(receiver.route("slack"), null)).send(Notifications.firing(1));

        String body = bodies().getFirst().toString();
        assertTrue(body.contains("region=eu-west"), body);
    }

    @Test
    void aDeliveryThatDoesNotReSendStaysSo() {
        assertEquals(false, delivery(new WebhookRoute(receiver.route("hook"))) instanceof Resending);
    }
}
