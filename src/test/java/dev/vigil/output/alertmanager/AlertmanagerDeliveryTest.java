package dev.vigil.output.alertmanager;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.alert.Notification;
import dev.vigil.cert.Severity;
import dev.vigil.output.Deliveries;
import dev.vigil.output.FakeWebhook;
import dev.vigil.output.Notifications;
import dev.vigil.output.Outcome;
import dev.vigil.output.Route;
import dev.vigil.output.Secret;
import dev.vigil.output.TestMessage;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Posting to several Alertmanagers: each gets every alert, one that fails holds back none of the others and gets what
 * it missed with the re-sends; credentials in a URL become basic auth and never appear in a reason.
 */
class AlertmanagerDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/v2/alerts";
    private static final String PREFIXED = "/am" + API;
    private static final Instant START = Notifications.AT.plusSeconds(30);

    private final WireMockServer first = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final WireMockServer second = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final FakeClock clock = new FakeClock(START);
    private ClosedPort closed;

    @BeforeEach
    void start() throws IOException {
        first.start();
        second.start();
        closed = ClosedPort.tcp();
        answer(first, API, 200);
        answer(second, PREFIXED, 200);
    }

    @AfterEach
    void stop() throws IOException {
        first.stop();
        second.stop();
        closed.close();
    }

    private static void answer(WireMockServer server, String path, int status) {
        server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)
                .withBody(status == 200 ? "" : "{\"code\":" + status + ",\"message\":\"no\"}")));
    }

    private String firstUrl() {
        return "http://127.0.0.1:" + first.port();
    }

    /** The second Alertmanager behind a path prefix and basic auth, its URL ending in a slash. */
    private String secondUrl() {
        return "http://vigil:s3cret@127.0.0.1:" + second.port() + "/am/";
    }

    private String closedUrl() {
        return "http://vigil:s3cret@127.0.0.1:" + closed.port();
    }

    private AlertmanagerDelivery delivery(String... urls) {
        List<Secret> secrets = List.of(urls).stream().map(Secret::new).toList();
        AlertmanagerRoute route = new AlertmanagerRoute(new Route("am", secrets.getFirst(), Set.of(), Map.of()),
                secrets, Duration.ofMinutes(1), Duration.ofSeconds(2), "http://vigil.example.com/");
        return new AlertmanagerDelivery(route, FakeWebhook.client(Duration.ofSeconds(2)), clock);
    }

    /** The arrays {@code server} was posted at {@code path}, oldest first. */
    private static List<JsonNode> posted(WireMockServer server, String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).stream().map(AlertmanagerDeliveryTest::json).toList();
    }

    private static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyAlertmanagerGetsEveryAlertAndOneDownHoldsBackNoneOfTheOthers() throws Exception {
        AlertmanagerDelivery delivery = delivery(firstUrl(), closedUrl(), secondUrl());

        Outcome outcome = delivery.send(Notifications.firing(1));

        assertEquals(Outcome.delivered(), outcome);
        JsonNode alerts = posted(first, API).getFirst();
        assertEquals(alerts, posted(second, PREFIXED).getFirst(), "the same alerts to each");
        assertEquals(1, alerts.size(), alerts.toString());
        JsonNode alert = alerts.get(0);
        assertEquals("VigilDown", alert.at("/labels/alertname").asText());
        assertEquals("connection refused", alert.at("/annotations/summary").asText());
        assertEquals("2025-06-22T10:00:00Z", alert.get("startsAt").asText());
        assertEquals("2025-06-22T10:04:30Z", alert.get("endsAt").asText(), "four re-send intervals after now");
        assertEquals("http://vigil.example.com/", alert.get("generatorURL").asText());
        second.verify(postRequestedFor(urlEqualTo(PREFIXED)).withHeader("Authorization",
                equalTo("Basic dmlnaWw6czNjcmV0"))); // vigil:s3cret
    }

    @Test
    void whenNoneTakesItTheReasonNamesEachWithoutItsCredentials() throws Exception {
        answer(second, PREFIXED, 503);

        Outcome outcome = delivery(closedUrl(), secondUrl()).send(Notifications.firing(1));

        assertEquals(Outcome.Kind.RETRY_LATER, outcome.kind());
        assertEquals("http://127.0.0.1:" + closed.port() + "/***: cannot connect; http://127.0.0.1:" + second.port()
                + "/***: HTTP 503 {\"code\":503,\"message\":\"no\"}", outcome.reason());
        assertFalse(outcome.reason().contains("s3cret"), outcome.reason());
    }

    @Test
    void aPayloadEveryAlertmanagerRefusesIsDropped() throws Exception {
        answer(first, API, 400);
        answer(second, PREFIXED, 400);

        Outcome outcome = delivery(firstUrl(), secondUrl()).send(Notifications.firing(1));

        assertEquals(Outcome.Kind.DROPPED, outcome.kind(), outcome.toString());
    }

    @Test
    void firingAlertsAreResentUntilTheyResolveWhichEndsThemWhenTheyDid() throws Exception {
        AlertmanagerDelivery delivery = delivery(firstUrl());
        delivery.send(Notifications.firing(1));
        clock.advance(Duration.ofMinutes(1));

        delivery.resendFiring();
        delivery.send(Notifications.resolved(2, Duration.ofMinutes(5)));
        delivery.resendFiring();

        List<JsonNode> posts = posted(first, API);
        assertEquals(3, posts.size(), "firing, re-sent, resolved; nothing firing is re-sent: " + posts);
        JsonNode resent = posts.get(1).get(0);
        assertEquals("2025-06-22T10:00:00Z", resent.get("startsAt").asText());
        assertEquals("2025-06-22T10:05:30Z", resent.get("endsAt").asText());
        JsonNode resolved = posts.get(2).get(0);
        assertEquals(resent.get("labels"), resolved.get("labels"), "the same alert");
        assertEquals("2025-06-22T10:00:00Z", resolved.get("startsAt").asText());
        assertEquals("2025-06-22T10:00:00Z", resolved.get("endsAt").asText(), "when it resolved");
    }

    @Test
    void anAlertFiringBeforeARestartIsResentFromTheFirstIntervalOn() throws Exception {
        AlertmanagerDelivery delivery = delivery(firstUrl());
        delivery.alreadyFiring(Notifications.firing(1));
        assertEquals(List.of(), posted(first, API), "not told again as a notification");

        delivery.resendFiring();

        JsonNode resent = posted(first, API).getFirst().get(0);
        assertEquals("VigilDown", resent.at("/labels/alertname").asText());
        assertEquals("2025-06-22T10:00:00Z", resent.get("startsAt").asText());
        assertEquals("2025-06-22T10:04:30Z", resent.get("endsAt").asText());
    }

    @Test
    void aResolutionOneAlertmanagerMissedIsToldItWithEachResendUntilItTakesIt() throws Exception {
        AlertmanagerDelivery delivery = delivery(firstUrl(), secondUrl());
        delivery.send(Notifications.firing(1));
        answer(second, PREFIXED, 503);

        assertEquals(Outcome.delivered(), delivery.send(Notifications.resolved(2, Duration.ofMinutes(5))));
        delivery.resendFiring();
        answer(second, PREFIXED, 200);
        delivery.resendFiring();
        delivery.resendFiring();

        assertEquals(2, posted(first, API).size(), "firing and resolved only: " + posted(first, API));
        List<JsonNode> toSecond = posted(second, PREFIXED);
        assertEquals(4, toSecond.size(), "firing, resolved refused twice, then taken: " + toSecond);
        assertEquals(toSecond.get(1), toSecond.get(3));
        assertEquals("2025-06-22T10:00:00Z", toSecond.get(3).get(0).get("endsAt").asText());
    }

    @Test
    void aNewSeverityEndsTheAlertOfTheOldOneAtOnce() throws Exception {
        AlertmanagerDelivery delivery = delivery(firstUrl());
        delivery.send(Notifications.cert(Notification.Type.FIRING, Severity.WARNING));

        delivery.send(Notifications.cert(Notification.Type.REMINDER, Severity.CRITICAL));

        JsonNode second = posted(first, API).get(1);
        assertEquals(2, second.size(), second.toString());
        assertEquals("warning", second.get(0).at("/labels/severity").asText());
        assertEquals(START.toString(), second.get(0).get("endsAt").asText());
        assertEquals("critical", second.get(1).at("/labels/severity").asText());
    }

    @Test
    void aTestMessageIsDeliveredOnlyWhenEveryAlertmanagerTookIt() throws Exception {
        Notification test = TestMessage.of(new Route("am", new Secret(firstUrl()), Set.of(), Map.of()), "host-1",
                Notifications.AT);

        Outcome outcome = delivery(firstUrl(), closedUrl()).send(test);

        assertEquals(Outcome.retryLater("http://127.0.0.1:" + closed.port() + "/***: cannot connect", null), outcome);
        assertEquals(1, posted(first, API).size());
    }

    @Test
    void notifyTestSendsATestAlertThatEndsAfterOneResendInterval() throws Exception {
        AlertmanagerRoute route = new AlertmanagerRoute(new Route("am", new Secret(firstUrl()), Set.of(), Map.of()),
                List.of(new Secret(firstUrl())), Duration.ofMinutes(1), Duration.ofSeconds(2), null);
        try (Deliveries deliveries = Deliveries.open(List.of(route), SSLContext.getDefault(), "vigil/test")) {
            Deliveries.Opened opened = deliveries.opened().getFirst();
            assertEquals("alertmanager route 'am'", opened.delivery().name());

            Outcome outcome = opened.delivery().send(TestMessage.of(route.route(), "host-1", Instant.now()));

            assertEquals(Outcome.delivered(), outcome);
        }
        Instant sent = Instant.now();
        JsonNode alert = posted(first, API).getFirst().get(0);
        assertEquals("VigilTest", alert.at("/labels/alertname").asText());
        assertTrue(alert.at("/annotations/summary").asText().contains("route 'am' works"), alert.toString());
        Instant endsAt = Instant.parse(alert.get("endsAt").asText());
        assertFalse(endsAt.isBefore(Instant.parse(alert.get("startsAt").asText()).plus(Duration.ofMinutes(1))), alert.toString());
        assertFalse(endsAt.isAfter(sent.plus(Duration.ofMinutes(1))), "one interval after it was sent: " + alert);
        first.verify(1, postRequestedFor(anyUrl()));
    }
}
