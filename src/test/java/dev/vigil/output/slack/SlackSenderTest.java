package dev.vigil.output.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.alert.Notification;
import dev.vigil.output.Delivery;
import dev.vigil.output.FakeWebhook;
import dev.vigil.output.Notifications;
import dev.vigil.output.Outcome;
import dev.vigil.output.WebhookClient;
import dev.vigil.testing.ClosedPort;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One attempt against a WireMock Slack on loopback: the request, and how each answer is classified. */
class SlackSenderTest {
    private static final FakeWebhook SLACK = new FakeWebhook();
    private static final WebhookClient CLIENT = FakeWebhook.client(Duration.ofSeconds(5));
    private static final Notification FIRING = Notifications.firing(42);

    private final Delivery sender = SlackSender.delivery(SLACK.slackRoute("ops"), CLIENT);

    @AfterAll
    static void stop() {
        SLACK.close();
    }

    @BeforeEach
    void reset() {
        SLACK.server().resetAll();
    }

    private void answer(int status, String body) {
        SLACK.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(status)
                .withBody(body)));
    }

    @Test
    void postsTheRenderedMessageAsJson() throws InterruptedException {
        answer(200, "ok");
        assertEquals(Outcome.delivered(), sender.send(FIRING));
        SLACK.server().verify(postRequestedFor(urlEqualTo(FakeWebhook.SECRET_PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", equalTo("vigil/test"))
                .withRequestBody(equalToJson(SlackMessage.render(FIRING, SLACK.slackRoute("ops")).toString())));
        assertEquals("slack route 'ops'", sender.name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            400 | invalid_payload     | DROPPED     | HTTP 400 invalid_payload (Slack rejected the message's JSON)
            400 | no_text             | DROPPED     | HTTP 400 no_text (Slack found no text in the message)
            403 | action_prohibited   | DROPPED     | HTTP 403 action_prohibited (a workspace admin restricted posting to this channel)
            404 | no_service          | DROPPED     | HTTP 404 no_service (the webhook was revoked or its app removed)
            410 | channel_is_archived | DROPPED     | HTTP 410 channel_is_archived (the channel is archived)
            400 | something_new       | DROPPED     | HTTP 400 something_new
            500 | ''                  | RETRY_LATER | HTTP 500
            503 | upstream busy       | RETRY_LATER | HTTP 503 upstream busy
            """)
    void classifiesSlacksAnswers(int status, String body, Outcome.Kind kind, String reason) throws InterruptedException {
        answer(status, body);
        Outcome outcome = sender.send(FIRING);
        assertEquals(new Outcome(kind, reason, null), outcome);
    }

    @Test
    void rateLimitedCarriesRetryAfter() throws InterruptedException {
        SLACK.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withBody("rate_limited")));
        assertEquals(Outcome.retryLater("HTTP 429 rate_limited", Duration.ofSeconds(7)), sender.send(FIRING));
    }

    @Test
    void rateLimitedWithoutSecondsBacksOff() throws InterruptedException {
        SLACK.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")));
        assertNull(sender.send(FIRING).retryAfter());
    }

    @Test
    void anEchoedUrlIsScrubbedFromTheReason() throws InterruptedException {
        answer(400, "bad request to " + SLACK.url());
        Outcome outcome = sender.send(FIRING);
        assertEquals(Outcome.dropped("HTTP 400 bad request to " + SLACK.server().baseUrl() + "/***"), outcome);
    }

    @Test
    void aRefusedConnectionIsRetriedWithoutTheUrl() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            Outcome outcome = SlackSender.delivery(new SlackRoute(FakeWebhook.refusing("down", closed), null), CLIENT).send(FIRING);
            assertEquals(Outcome.retryLater("cannot connect", null), outcome);
        }
    }

    @Test
    void noAnswerInTimeIsRetried() throws InterruptedException {
        SLACK.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(200)
                .withBody("ok").withFixedDelay(5_000)));
        Outcome outcome = SlackSender.delivery(SLACK.slackRoute("slow"), FakeWebhook.client(Duration.ofMillis(200))).send(FIRING);
        assertEquals(Outcome.retryLater("no answer within 200 ms", null), outcome);
        assertFalse(outcome.reason().contains("SECRET"));
    }

    @Test
    void aTricklingAnswerEndsAtTheTimeoutPlusASecond() throws InterruptedException {
        SLACK.server().stubFor(post(urlEqualTo(FakeWebhook.SECRET_PATH)).willReturn(aResponse().withStatus(200)
                .withBody("ok".repeat(50)).withChunkedDribbleDelay(50, 20_000)));
        // The headers come with the first chunk, well within the second; the body would take 20 s.
        Outcome outcome = SlackSender.delivery(SLACK.slackRoute("slow"), FakeWebhook.client(Duration.ofSeconds(1))).send(FIRING);
        assertEquals(Outcome.retryLater("no complete answer within 2000 ms", null), outcome);
    }
}
