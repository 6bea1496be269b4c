package dev.vigil.output;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.Notification;
import dev.vigil.output.slack.SlackRoute;
import dev.vigil.output.webhook.WebhookRoute;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one builder of deliveries: each kind's own delivery, one HTTP policy for the agent and notify-test, cadences. */
class DeliveriesTest {
    private static final FakeWebhook RECEIVER = new FakeWebhook();
    private static final FakeWebhook ELSEWHERE = new FakeWebhook();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stop() {
        RECEIVER.close();
        ELSEWHERE.close();
    }

    @BeforeEach
    void reset() {
        RECEIVER.server().resetAll();
        ELSEWHERE.server().resetAll();
    }

    /** The two ways to get deliveries: the agent's and {@code vigil notify-test}'s. */
    enum User {
        AGENT {
            @Override
            Deliveries deliveries(List<RouteConfig> routes) {
                return Deliveries.start(routes, "vigil/test");
            }
        },
        NOTIFY_TEST {
            @Override
            Deliveries deliveries(List<RouteConfig> routes) throws NoSuchAlgorithmException {
                return Deliveries.open(routes, SSLContext.getDefault(), "vigil/test");
            }
        };

        abstract Deliveries deliveries(List<RouteConfig> routes) throws NoSuchAlgorithmException;
    }

    private static void receiverAnswers(int status) {
        RECEIVER.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Location", ELSEWHERE.url()).withBody(status == 200 ? "ok" : "")));
    }

    @ParameterizedTest
    @EnumSource(User.class)
    void eachRouteGetsItsOwnKindsDeliveryInOrder(User user) throws Exception {
        receiverAnswers(200);
        List<RouteConfig> routes = List.of(new WebhookRoute(RECEIVER.route("pager")), RECEIVER.slackRoute("ops"));

        try (Deliveries deliveries = user.deliveries(routes)) {
            List<Deliveries.Opened> opened = deliveries.opened();

            assertEquals(List.of(routes.get(0).route(), routes.get(1).route()),
                    opened.stream().map(Deliveries.Opened::route).toList());
            assertEquals(List.of("webhook route 'pager'", "slack route 'ops'"),
                    opened.stream().map(o -> o.delivery().name()).toList());
            for (Deliveries.Opened route : opened) {
                assertEquals(Outcome.delivered(), route.delivery().send(Notifications.firing(1)));
            }
        }
        List<JsonNode> bodies = new ArrayList<>();
        for (var request : RECEIVER.server().findAll(postRequestedFor(urlEqualTo(FakeWebhook.SECRET_PATH)))) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        assertEquals(2, bodies.size());
        assertEquals(1, bodies.get(0).get("version").intValue(), "a JSON webhook body first");
        assertTrue(bodies.get(1).get("text").asText().startsWith("<!here> 🔴 Firing · api · down"),
                "then Slack's, with the Slack route's mention: " + bodies.get(1));
    }

    @ParameterizedTest
    @EnumSource(User.class)
    void aRedirectIsNotFollowedSoTheSecretPathStaysWithItsHost(User user) throws Exception {
        receiverAnswers(307);

        try (Deliveries deliveries = user.deliveries(List.of(RECEIVER.slackRoute("ops")))) {
            Outcome outcome = deliveries.opened().getFirst().delivery().send(Notifications.firing(1));

            assertEquals(Outcome.dropped("HTTP 307"), outcome);
        }
        assertEquals(0, ELSEWHERE.server().findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aResendingDeliveryResendsOnItsCadenceUntilClosed() throws Exception {
        Semaphore intervals = new Semaphore(0);
        List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        Sleeper oneIntervalPerPermit = duration -> {
            waits.add(duration);
            intervals.acquire();
        };
        Resender resender = new Resender();

        try (Deliveries deliveries = Deliveries.start(List.of(new ResendingRoute(RECEIVER.route("am"), resender),
                new WebhookRoute(RECEIVER.route("pager"))), SSLContext.getDefault(), "vigil/test", oneIntervalPerPermit)) {
            intervals.release(2);

            assertTrue(resender.resent.tryAcquire(2, 10, TimeUnit.SECONDS), "two intervals, two re-sends");
        }

        assertEquals(2, resender.resends.get(), "none after close");
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)), waits,
                "the kind's interval before each re-send, the third cut short by close");
    }

    /** A kind whose delivery re-sends: it sends nothing and counts. */
    private record ResendingRoute(Route route, Resender resender) implements RouteConfig {
        @Override
        public Delivery delivery(WebhookClient client) {
            return resender;
        }
    }

    private static final class Resender implements Delivery, Resending {
        final AtomicInteger resends = new AtomicInteger();
        final Semaphore resent = new Semaphore(0);

        @Override
        public String name() {
            return "resending route 'am'";
        }

        @Override
        public Outcome send(Notification notification) {
            return Outcome.delivered();
        }

        @Override
        public Duration resendInterval() {
            return Duration.ofMinutes(1);
        }

        @Override
        public void resendFiring() {
            resends.incrementAndGet();
            resent.release();
        }

        @Override
        public void alreadyFiring(Notification latest) {
        }
    }
}
