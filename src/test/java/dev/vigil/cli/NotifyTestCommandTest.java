package dev.vigil.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.vigil.cli.CliRun.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil notify-test} against a WireMock Slack over HTTPS and a WireMock webhook over HTTP, both on loopback:
 * one test message per route, one attempt each, what each answered, and never a webhook's secret.
 */
class NotifyTestCommandTest {
    private static final TestPki PKI = TestPki.create();
    private static final SSLContext TRUST_TEST_PKI = PKI.clientSslContext();
    private static final WireMockHttps SLACK = WireMockHttps.start(
            PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue());
    private static final WireMockServer WEBHOOK = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    /** The secret part of the Slack routes' URLs; the second route's differs in its last segment. */
    private static final String SECRET_PATH = "/services/T0TEAM/B0SECRET/xoxSECRETtoken";
    private static final String OTHER_PATH = "/services/T0TEAM/B0SECRET/xoxOTHERtoken";
    private static final String HOOK_PATH = "/hooks/pagerSECRETkey";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static {
        WEBHOOK.start();
    }

    @AfterAll
    static void stop() {
        SLACK.close();
        WEBHOOK.stop();
    }

    @BeforeEach
    void reset() {
        SLACK.server().resetAll();
        WEBHOOK.resetAll();
    }

    private static String slackUrl(String path) {
        return SLACK.httpsUri(path).toString();
    }

    private static String hookUrl() {
        return "http://127.0.0.1:" + WEBHOOK.port() + HOOK_PATH;
    }

    /** Every route URL the runs may use, as {@code ${NAME}} references resolve them. */
    private static Map<String, String> environment() {
        return Map.of("SLACK_WEBHOOK_URL", slackUrl(SECRET_PATH), "SLACK_OTHER_URL", slackUrl(OTHER_PATH),
                "PAGER_URL", hookUrl());
    }

    /** A config with one probe and {@code outputs}, a JSON object. */
    private Path config(String outputs) throws IOException {
        return Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "https://api.example.com/"}], "outputs": %s}
                """.formatted(outputs));
    }

    /** A Slack route {@code ops} and a webhook route {@code pager}. */
    private Path slackAndWebhook() throws IOException {
        return config("""
                {"slack": [{"name": "ops", "webhookUrl": "${SLACK_WEBHOOK_URL}", "severities": ["critical"],
                            "labels": {"team": "ops"}, "mention": "<!here>"}],
                 "webhooks": [{"name": "pager", "url": "${PAGER_URL}"}]}
                """);
    }

    /** Runs {@code vigil notify-test args...} trusting the test PKI, and checks that no secret was printed. */
    private static CliRun notifyTest(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "notify-test";
        System.arraycopy(args, 0, command, 1, args.length);
        CliRun run = vigil(TRUST_TEST_PKI, environment(), command);
        for (String secret : List.of(slackUrl(SECRET_PATH), slackUrl(OTHER_PATH), hookUrl(), SECRET_PATH,
                OTHER_PATH, HOOK_PATH, "B0SECRET", "xoxSECRETtoken", "pagerSECRETkey")) {
            assertFalse(run.stdout().contains(secret), () -> "printed " + secret + ":\n" + run);
            assertFalse(run.stderr().contains(secret), () -> "printed " + secret + ":\n" + run);
        }
        return run;
    }

    private static void slackAnswers(String path, int status, String body) {
        SLACK.server().stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private static void webhookAnswers(int status, String body) {
        WEBHOOK.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private static List<JsonNode> received(WireMockServer server, String path) throws IOException {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlEqualTo(path)));
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : requests) {
            bodies.add(JSON.readTree(request.getBodyAsString()));
        }
        return bodies;
    }

    @Test
    void sendsOneTestMessageThroughEveryRouteWhateverItsFilters() throws Exception {
        slackAnswers(SECRET_PATH, 200, "ok");
        webhookAnswers(204, "");

        CliRun run = notifyTest("--config", slackAndWebhook().toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("slack route 'ops': delivered", "webhook route 'pager': delivered",
                "2 of 2 routes delivered"), run.stdout().lines().toList());
        assertEquals("", run.stderr());

        JsonNode slack = received(SLACK.server(), SECRET_PATH).getFirst();
        assertEquals("🧪 Test · vigil · test message", slack.at("/blocks/0/text/text").asText());
        assertTrue(slack.get("text").asText().startsWith("🧪 Test · vigil · test message: Test message from Vigil on "),
                slack::toString);
        assertTrue(slack.get("text").asText().endsWith(": route 'ops' works"), slack::toString);
        assertTrue(slack.at("/blocks/2/text/text").asText().contains("severity critical, from probes labelled team=ops"),
                slack::toString);
        assertFalse(slack.toString().contains("!here"), "a test message mentions nobody: " + slack);

        JsonNode hook = received(WEBHOOK, HOOK_PATH).getFirst();
        assertEquals(1, hook.get("version").intValue());
        assertEquals("test", hook.get("type").textValue());
        assertEquals("test", hook.get("condition").textValue());
        assertEquals("info", hook.get("severity").textValue());
        assertEquals("vigil", hook.get("probe").textValue());
        assertEquals("", hook.get("url").textValue());
        assertEquals(0, hook.get("sequence").intValue());
        assertTrue(hook.get("summary").textValue().endsWith(": route 'pager' works"), hook::toString);
        assertEquals("This route receives alerts of every severity, from every probe.", hook.at("/details/0").textValue());
        assertEquals("Sent by vigil notify-test; nothing is wrong.", hook.at("/details/1").textValue());
    }

    @Test
    void aRevokedSlackWebhookFailsTheRunAndSaysWhy() throws Exception {
        slackAnswers(SECRET_PATH, 404, "no_service");
        slackAnswers(OTHER_PATH, 200, "ok");
        Path file = config("""
                {"slack": [{"name": "ops", "webhookUrl": "${SLACK_WEBHOOK_URL}"},
                           {"name": "dev", "webhookUrl": "${SLACK_OTHER_URL}"}]}
                """);

        CliRun run = notifyTest("--config", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(List.of("slack route 'ops': not delivered, will never be: HTTP 404 no_service (the webhook was"
                + " revoked or its app removed)", "slack route 'dev': delivered", "1 of 2 routes delivered"),
                run.stdout().lines().toList());
    }

    @Test
    void aServerErrorMaySucceedLaterAndIsNotRetried() throws Exception {
        slackAnswers(SECRET_PATH, 200, "ok");
        webhookAnswers(503, "busy");

        CliRun run = notifyTest("--config", slackAndWebhook().toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(List.of("slack route 'ops': delivered", "webhook route 'pager': not delivered, may succeed later:"
                + " HTTP 503 busy", "1 of 2 routes delivered"), run.stdout().lines().toList());
        assertEquals(1, received(WEBHOOK, HOOK_PATH).size());
    }

    @Test
    void aRefusedConnectionIsReportedWithoutTheUrl() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            Path file = config("""
                    {"slack": [{"name": "ops", "webhookUrl": "${CLOSED_URL}"}]}
                    """);
            String url = "https://127.0.0.1:" + closed.port() + SECRET_PATH;

            CliRun run = vigil(TRUST_TEST_PKI, Map.of("CLOSED_URL", url), "notify-test", "--config",
                    file.toString());

            assertEquals(2, run.exitCode(), run::toString);
            assertEquals(List.of("slack route 'ops': not delivered, may succeed later: cannot connect",
                    "0 of 1 routes delivered"), run.stdout().lines().toList());
            for (String secret : List.of(url, SECRET_PATH, "xoxSECRETtoken")) {
                assertFalse(run.stdout().contains(secret) || run.stderr().contains(secret), run::toString);
            }
        }
    }

    @Test
    void aRedirectIsNotFollowedAsTheAgentDoesNot() throws Exception {
        SLACK.server().stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", hookUrl())));
        webhookAnswers(200, "");
        Path file = config("""
                {"slack": [{"name": "ops", "webhookUrl": "${SLACK_WEBHOOK_URL}"}]}
                """);

        CliRun run = notifyTest("--config", file.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(List.of("slack route 'ops': not delivered, will never be: HTTP 307", "0 of 1 routes delivered"),
                run.stdout().lines().toList());
        assertEquals(0, received(WEBHOOK, HOOK_PATH).size(), "the secret path went nowhere else");
    }

    @Test
    void routeSelectsWhichRoutesAreTested() throws Exception {
        slackAnswers(SECRET_PATH, 200, "ok");
        webhookAnswers(200, "");

        CliRun run = notifyTest("--config", slackAndWebhook().toString(), "--route", "pager");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("webhook route 'pager': delivered", "1 of 1 routes delivered"),
                run.stdout().lines().toList());
        assertEquals(1, received(WEBHOOK, HOOK_PATH).size());
        assertEquals(0, received(SLACK.server(), SECRET_PATH).size());
    }

    @Test
    void anUnknownRouteIsBadUsageNamingTheKnownOnes() throws Exception {
        CliRun run = notifyTest("--config", slackAndWebhook().toString(), "--route", "pager", "--route", "oncall");

        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.stderr().contains("--route oncall: no such route in "), run::toString);
        assertTrue(run.stderr().contains("its routes are ops, pager"), run::toString);
        assertEquals("", run.stdout());
        assertEquals(0, received(WEBHOOK, HOOK_PATH).size());
    }

    @Test
    void aConfigWithoutRoutesIsUnknown() throws Exception {
        Path file = config("{}");

        CliRun run = notifyTest("--config", file.toString());

        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("no Slack, webhook or Alertmanager routes in " + file
                + "; add outputs.slack, outputs.webhooks or outputs.alertmanager",
                run.stderr().strip());
        assertEquals("", run.stdout());
    }

    @Test
    void anInvalidConfigListsItsErrorsAndSendsNothing() throws Exception {
        Path file = config("""
                {"slack": [{"name": "ops", "webhookUrl": "${SLACK_WEBHOOK_URL}", "severities": ["loud"]}]}
                """);

        CliRun run = notifyTest("--config", file.toString());

        assertEquals(3, run.exitCode(), run::toString);
        List<String> lines = run.stderr().lines().toList();
        assertEquals(file + ": 1 error(s); nothing sent", lines.getFirst(), run::toString);
        String located = "\\Q" + file + "\\E:\\d+:\\d+: \\$\\.outputs\\.slack\\[0]\\.severities\\[0]: .+";
        assertTrue(lines.get(1).matches(located), run::toString);
        assertEquals(0, received(SLACK.server(), SECRET_PATH).size());
    }

    @Test
    void helpSaysWhatItDoes() {
        CliRun run = notifyTest("--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.stdout().contains("Usage: vigil notify-test"), run::toString);
        assertTrue(run.stdout().contains("test message"), run::toString);
        assertTrue(run.stdout().contains("--route=NAME"), run::toString);
    }
}
