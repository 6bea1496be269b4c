package dev.vigil.output.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.output.Delivery;
import dev.vigil.output.FakeWebhook;
import dev.vigil.output.Notifications;
import dev.vigil.output.Outcome;
import dev.vigil.output.Route;
import dev.vigil.output.Secret;
import dev.vigil.output.TestMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generic webhook's schema, field by field, and how its answers are classified. */
class JsonWebhookTest {
    private static final FakeWebhook RECEIVER = new FakeWebhook();

    private final Delivery webhook = JsonWebhook.delivery(RECEIVER.route("pager"),
            FakeWebhook.client(Duration.ofSeconds(5)));

    @AfterAll
    static void stop() {
        RECEIVER.close();
    }

    @BeforeEach
    void reset() {
        RECEIVER.server().resetAll();
    }

    @Test
    void firingCarriesEveryField() {
        JsonNode body = JsonWebhook.render(Notifications.cert(Notification.Type.FIRING, Severity.WARNING));
        assertEquals(List.of("version", "type", "probe", "url", "labels", "condition", "severity", "summary", "details",
                "symptoms", "facts", "at", "downForSeconds", "sequence"), body.propertyStream().map(p -> p.getKey()).toList());
        assertEquals(1, body.get("version").intValue());
        assertEquals("firing", body.get("type").textValue());
        assertEquals("shop", body.get("probe").textValue());
        assertEquals("https://shop.example.com/", body.get("url").textValue());
        assertEquals("web", body.at("/labels/team").textValue());
        assertEquals("cert_expiring", body.get("condition").textValue());
        assertEquals("warning", body.get("severity").textValue());
        assertEquals("certificate expires in 9 days", body.get("summary").textValue());
        assertEquals("Renew it.", body.at("/details/0").textValue());
        assertEquals(List.of("Issuer", "Serial", "Expires"), body.get("facts").propertyStream().map(p -> p.getKey())
                .toList());
        assertEquals("R11", body.at("/facts/Issuer").textValue());
        assertEquals("2025-06-22T10:00:00Z", body.get("at").textValue());
        assertTrue(body.get("downForSeconds").isNull());
        assertEquals(7, body.get("sequence").longValue());
    }

    @Test
    void resolvedSaysHowLongItWasDown() {
        JsonNode body = JsonWebhook.render(Notifications.resolved(9, Duration.ofMinutes(63)));
        assertEquals("resolved", body.get("type").textValue());
        assertEquals("critical", body.get("severity").textValue());
        assertEquals(3780, body.get("downForSeconds").longValue());
    }

    @Test
    void aTestMessageHasTypeAndConditionTest() {
        Route route = new Route("pager", new Secret("https://alerts.example.com/vigil"), Set.of(Severity.WARNING,
                Severity.CRITICAL), Map.of("team", "ops", "env", "prod"));
        JsonNode body = JsonWebhook.render(TestMessage.of(route, "box1", Notifications.AT));
        assertEquals(1, body.get("version").intValue());
        assertEquals("test", body.get("type").textValue());
        assertEquals("test", body.get("condition").textValue());
        assertEquals("vigil", body.get("probe").textValue());
        assertEquals("", body.get("url").textValue());
        assertEquals("info", body.get("severity").textValue());
        assertEquals("Test message from Vigil on box1: route 'pager' works", body.get("summary").textValue());
        assertEquals("This route receives alerts of severity critical or warning, from probes labelled env=prod,"
                + " team=ops.", body.at("/details/0").textValue());
        assertEquals(0, body.get("labels").size());
        assertEquals(0, body.get("facts").size());
        assertTrue(body.get("downForSeconds").isNull());
        assertEquals(0, body.get("sequence").longValue());
    }

    @Test
    void postsTheJson() throws InterruptedException {
        RECEIVER.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(204)));
        Notification firing = Notifications.firing(3);
        assertEquals(Outcome.delivered(), webhook.send(firing));
        RECEIVER.server().verify(postRequestedFor(urlEqualTo(FakeWebhook.SECRET_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson(JsonWebhook.render(firing).toString())));
        assertEquals("webhook route 'pager'", webhook.name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            202 | ''              | DELIVERED   | ''
            400 | {"error":"bad"} | DROPPED     | HTTP 400 {"error":"bad"}
            401 | ''              | DROPPED     | HTTP 401
            301 | ''              | DROPPED     | HTTP 301
            408 | ''              | RETRY_LATER | HTTP 408
            502 | bad gateway     | RETRY_LATER | HTTP 502 bad gateway
            """)
    void classifiesAnswers(int status, String body, Outcome.Kind kind, String reason) throws InterruptedException {
        RECEIVER.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(status)
                .withBody(body)));
        assertEquals(new Outcome(kind, reason, null), webhook.send(Notifications.firing(1)));
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfter() throws InterruptedException {
        RECEIVER.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30")));
        assertEquals(Outcome.retryLater("HTTP 429", Duration.ofSeconds(30)), webhook.send(Notifications.firing(1)));
    }
}
