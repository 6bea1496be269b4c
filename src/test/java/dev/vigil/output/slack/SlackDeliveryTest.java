package dev.vigil.output.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.vigil.output.Notifications.AT;
import static dev.vigil.output.Notifications.firing;
import static dev.vigil.output.Notifications.resolved;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.output.CapturedLog;
import dev.vigil.output.FakeWebhook;
import dev.vigil.output.Outcome;
import dev.vigil.output.Pacing;
import dev.vigil.output.RecordingSleeper;
import dev.vigil.output.Retries;
import dev.vigil.output.RouteQueue;
import dev.vigil.output.SettledLog;
import dev.vigil.output.SettledLog.Settled;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack routes end to end against a WireMock Slack on loopback: order, pacing, Retry-After, backoff, drops, and logs
 * that never show the webhook's secret. Time is a fake clock; waits are recorded, not slept.
 */
class SlackDeliveryTest {
    private static final FakeWebhook SLACK = new FakeWebhook();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeClock clock = new FakeClock(AT);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final SettledLog settled = new SettledLog(clock);
    private final CapturedLog log = new CapturedLog();
    private final List<RouteQueue> queues = new ArrayList<>();

    @AfterAll
    static void stop() {
        SLACK.close();
    }

    @BeforeEach
    void reset() {
        SLACK.server().resetAll();
    }

    @AfterEach
    void neverLogsTheSecret() {
        queues.forEach(RouteQueue::close);
        for (String line : log.lines()) {
            assertFalse(line.contains(FakeWebhook.SECRET_PATH) || line.contains("B0SECRET")
                    || line.contains("xoxSECRETtoken") || line.contains(SLACK.url()), line);
        }
    }

    private RouteQueue start(SlackRoute route) {
        RouteQueue queue = RouteQueue.start(SlackSender.delivery(route, FakeWebhook.client(Duration.ofSeconds(5))), settled,
                new Pacing(clock, sleeper, Pacing.ONE_PER_SECOND), Retries.DEFAULT, log);
        queues.add(queue);
        return queue;
    }

    private static void answer(ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? state : "answer " + (i + 1);
            SLACK.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).inScenario("slack")
                    .whenScenarioStateIs(state).willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    private static ResponseDefinitionBuilder ok() {
        return aResponse().withStatus(200).withBody("ok");
    }

    private static ResponseDefinitionBuilder error(int status, String code) {
        return aResponse().withStatus(status).withBody(code);
    }

    /** The header of every message Slack received, in order. */
    private static List<String> received() throws IOException {
        List<String> headers = new ArrayList<>();
        for (LoggedRequest request : SLACK.server().findAll(postRequestedFor(urlEqualTo(FakeWebhook.SECRET_PATH)))) {
            headers.add(JSON.readTree(request.getBodyAsString()).at("/blocks/0/text/text").asText());
        }
        return headers;
    }

    @Test
    void aResolvedMessageNeverOvertakesItsFiringOne() throws Exception {
        answer(error(500, ""), ok());
        RouteQueue queue = start(SLACK.slackRoute("ops"));
        queue.offer(firing(1));
        queue.offer(resolved(2, Duration.ofMinutes(63)));
        assertEquals(1, settled.next().notification().sequence());
        assertEquals(2, settled.next().notification().sequence());
        assertEquals(List.of("🔴 Firing · api · down", "🔴 Firing · api · down", "✅ Resolved · api · down"), received());
        assertEquals(List.of(), queue.pending());
    }

    @Test
    void atMostOneMessagePerSecond() throws Exception {
        answer(ok());
        RouteQueue queue = start(SLACK.slackRoute("ops"));
        queue.offer(firing(1));
        queue.offer(firing(2));
        assertEquals(AT, settled.next().at());
        assertEquals(AT.plusSeconds(1), settled.next().at());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits());
    }

    @Test
    void rateLimitedWaitsRetryAfter() throws Exception {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("rate_limited"), ok());
        start(SLACK.slackRoute("ops")).offer(firing(1));
        Settled delivered = settled.next();
        assertEquals(Outcome.Kind.DELIVERED, delivered.outcome().kind());
        assertEquals(AT.plusSeconds(7), delivered.at());
        assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits());
        assertEquals(List.of("WARNING slack route 'ops': #1 firing down of probe 'api' not delivered"
                + " (HTTP 429 rate_limited), attempt 1 of 5; retrying in 7s",
                "INFO slack route 'ops': delivered #1 firing down of probe 'api'"), log.lines());
    }

    @Test
    void aServerErrorIsRetriedAfterABackoff() throws Exception {
        answer(error(500, ""), error(503, ""), ok());
        start(SLACK.slackRoute("ops")).offer(firing(1));
        assertEquals(Outcome.Kind.DELIVERED, settled.next().outcome().kind());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeper.waits());
        assertEquals(3, received().size());
    }

    @Test
    void anArchivedChannelDropsTheMessageWithAnErrorNamingTheRoute() throws Exception {
        answer(error(410, "channel_is_archived"), ok());
        RouteQueue queue = start(SLACK.slackRoute("ops"));
        queue.offer(firing(1));
        queue.offer(firing(2));
        Settled dropped = settled.next();
        assertEquals(Outcome.dropped("HTTP 410 channel_is_archived (the channel is archived)"), dropped.outcome());
        assertEquals(1, dropped.notification().sequence());
        assertEquals(2, settled.next().notification().sequence());
        assertEquals("ERROR slack route 'ops': dropped #1 firing down of probe 'api': HTTP 410 channel_is_archived"
                + " (the channel is archived); it will not be sent again", log.lines().getFirst());
        assertEquals(2, received().size());
    }

    @Test
    void aRevokedWebhookDropsWithoutRetrying() throws Exception {
        answer(error(404, "no_service"));
        start(SLACK.slackRoute("alerts")).offer(firing(1));
        assertEquals(Outcome.dropped("HTTP 404 no_service (the webhook was revoked or its app removed)"),
                settled.next().outcome());
        assertEquals(List.of(), sleeper.waits());
        assertTrue(log.lines().getFirst().startsWith("ERROR slack route 'alerts': dropped #1"), log.lines().getFirst());
        assertEquals(1, received().size());
    }

    @Test
    void anUnreachableSlackStallsAfterFiveAttemptsAndKeepsTheMessagePending() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            SlackRoute down = new SlackRoute(FakeWebhook.refusing("ops", closed), null);
            RouteQueue queue = start(down);
            queue.offer(firing(1));
            Settled stalled = settled.next();
            assertTrue(stalled.stalled());
            assertEquals(Outcome.retryLater("cannot connect", null), stalled.outcome());
            assertEquals(List.of(firing(1)), queue.pending());
            assertEquals(List.of(2L, 4L, 8L, 16L), sleeper.waits().stream().map(Duration::toSeconds).toList());
            assertEquals("ERROR slack route 'ops': #1 firing down of probe 'api' not delivered after 5 attempts"
                    + " (cannot connect); it stays pending with 0 behind it", log.lines().getLast());
            String port = down.route().url().reveal().split("[:/]+")[2];
            log.lines().forEach(line -> assertFalse(line.contains(port), line));
        }
    }
}
