package dev.vigil.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.PushgatewayProcess;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil run} end to end on loopback: a target goes down and comes back; the fake Slack (WireMock over HTTPS)
 * gets exactly one firing and one resolved message, and the real Pushgateway's {@code probe_success} goes 1 → 0 → 1.
 */
class AlertingProcessTest {
    private static final Duration WITHIN = Duration.ofSeconds(15);
    /** The webhook URL's token; its path is the secret, which only the child's environment holds. */
    private static final String TOKEN = UUID.randomUUID().toString().replace("-", "");
    private static final String SECRET_PATH = "/services/T0E2E/B0E2E/" + TOKEN;
    private static final Map<String, String> GROUP = Map.of("job", "vigil_e2e", "instance", "e2e");
    private static final String TRUST_PASSWORD = "vigil-e2e";
    private static final UUID HEALTH = UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private PushgatewayProcess pushgateway;
    /** The distinct values of the probe's {@code probe_success} seen at the Pushgateway, in order. */
    private final List<String> seen = new ArrayList<>();

    @Test
    void targetDownThenBackFiresOnceResolvesOnceAndFlipsProbeSuccess() throws Exception {
        PushgatewayProcess.assumeInstalled();
        TestPki pki = TestPki.create();
        Issued leaf = pki.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue();
        WireMockServer target = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        target.start();
        String url = "http://127.0.0.1:" + target.port() + "/health";
        try (PushgatewayProcess started = PushgatewayProcess.start(); WireMockHttps slack = WireMockHttps.start(leaf)) {
            pushgateway = started;
            target.stubFor(get(urlEqualTo("/health")).withId(HEALTH).willReturn(ok("up")));
            slack.server().stubFor(post(urlEqualTo(SECRET_PATH)).willReturn(ok("ok")));
            Path trust = TestPki.writeTrustStore(dir.resolve("trust.p12"), TRUST_PASSWORD, pki.root().certificate());
            List<String> jvm = List.of("-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStoreType=PKCS12",
                    "-Djavax.net.ssl.trustStorePassword=" + TRUST_PASSWORD);
            Map<String, String> environment = Map.of("SLACK_WEBHOOK_URL", slack.httpsUri(SECRET_PATH).toString());
            try (AgentProcess agent = AgentProcess.start(dir, config(url), jvm, environment)) {
                await(agent, "probe_success 1 at the Pushgateway", () -> "1".equals(probeSuccess()));

                answer(target, aResponse().withStatus(503).withBody("maintenance"));
                await(agent, "probe_success 0 at the Pushgateway", () -> "0".equals(probeSuccess()));
                await(agent, "the firing message at Slack", () -> received(slack).size() >= 1);

                answer(target, ok("up"));
                await(agent, "probe_success 1 again at the Pushgateway", () -> "1".equals(probeSuccess()));
                await(agent, "the resolved message at Slack", () -> received(slack).size() >= 2);
                // Runs after the recovery would have sent anything more by now: the queue sends one a second.
                int served = served(target);
                await(agent, "three more runs on the healthy target", () -> served(target) >= served + 3);

                List<LoggedRequest> messages = received(slack);
                assertEquals(2, messages.size(), () -> "Slack got " + messages);
                assertFiring(messages.get(0), url);
                assertResolved(messages.get(1), url);
                assertEquals(List.of("1", "0", "1"), seen, () -> "probe_success at the Pushgateway; agent log:\n"
                        + String.join("\n", agent.log()));

                agent.process().destroy();
                assertTrue(agent.process().waitFor(10, TimeUnit.SECONDS), () -> "still running; log: " + agent.log());
                assertEquals(143, agent.process().exitValue(), "the JVM's exit status after SIGTERM");
                List<String> log = agent.log();
                assertEquals(2, log.stream().filter(line -> line.contains("slack route 'oncall': delivered #")).count(),
                        log::toString);
                assertFalse(log.stream().anyMatch(line -> line.contains(SECRET_PATH) || line.contains(TOKEN)),
                        () -> "the webhook's secret path in\n" + log);
            }
        } finally {
            target.stop();
        }
    }

    /** The whole interval as the probe's timeout: a cold JVM's first request can take over half a second. */
    private Path config(String url) throws IOException {
        return Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "%s", "interval": "1s", "timeout": "1s"}],
                 "outputs": {
                   "pushgateway": {"url": "%s", "job": "%s", "groupingLabels": {"instance": "%s"},
                                   "interval": "500ms", "timeout": "500ms"},
                   "slack": [{"name": "oncall", "webhookUrl": "${SLACK_WEBHOOK_URL}", "mention": "<!here>"}],
                   "alerts": {"failureThreshold": 2, "successThreshold": 1}}}
                """.formatted(url, pushgateway.url(), GROUP.get("job"), GROUP.get("instance")));
    }

    /** Waits for {@code condition}, sampling the Pushgateway at every poll; a failure shows the agent's log. */
    private void await(AgentProcess agent, String what, Supplier<Boolean> condition) {
        try {
            Eventually.until(WITHIN, what, () -> {
                probeSuccess();
                return condition.get();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; probe_success seen: " + seen + "; agent log:\n"
                    + String.join("\n", agent.log()), e);
        }
    }

    /** The probe's {@code probe_success} at the Pushgateway now, recorded in {@link #seen}; null before any push. */
    private String probeSuccess() {
        String value = pushgateway.group(GROUP)
                .flatMap(group -> PushgatewayProcess.series(group, "probe_success", "api"))
                .map(series -> series.get("value").asText()).orElse(null);
        if (value != null && (seen.isEmpty() || !seen.getLast().equals(value))) {
            seen.add(value);
        }
        return value;
    }

    /** Makes the target answer {@code response} from now on. */
    private static void answer(WireMockServer target, ResponseDefinitionBuilder response) {
        target.editStub(get(urlEqualTo("/health")).withId(HEALTH).willReturn(response));
    }

    private static int served(WireMockServer target) {
        return target.countRequestsMatching(getRequestedFor(urlEqualTo("/health")).build()).getCount();
    }

    /** Every request the fake Slack got, whatever its path, oldest first. */
    private static List<LoggedRequest> received(WireMockHttps slack) {
        return slack.server().findAll(anyRequestedFor(anyUrl()));
    }

    private static void assertFiring(LoggedRequest request, String url) throws IOException {
        JsonNode message = body(request);
        JsonNode blocks = message.get("blocks");
        String main = blocks.get(1).get("text").get("text").asText();
        assertAll(message.toPrettyString(),
                () -> assertTrue(message.get("text").asText().startsWith("<!here> 🔴 Firing · api · down: http_status: "),
                        "text"),
                () -> assertTrue(message.get("text").asText().contains("answered 503"), "text names the failure"),
                () -> assertEquals("header", blocks.get(0).get("type").asText()),
                () -> assertEquals("plain_text", blocks.get(0).get("text").get("type").asText()),
                () -> assertEquals("🔴 Firing · api · down", blocks.get(0).get("text").get("text").asText()),
                () -> assertEquals("section", blocks.get(1).get("type").asText()),
                () -> assertEquals("mrkdwn", blocks.get(1).get("text").get("type").asText()),
                () -> assertTrue(main.startsWith("<!here> *http_status: "), main),
                () -> assertTrue(main.contains("answered 503"), main),
                () -> assertTrue(main.lines().anyMatch(url::equals), main),
                () -> assertContext(blocks));
    }

    private static void assertResolved(LoggedRequest request, String url) throws IOException {
        JsonNode message = body(request);
        JsonNode blocks = message.get("blocks");
        String main = blocks.get(1).get("text").get("text").asText();
        assertAll(message.toPrettyString(),
                () -> assertTrue(message.get("text").asText()
                        .matches("✅ Resolved · api · down: down resolved \\(down for \\d+s\\)"), "text"),
                () -> assertEquals("header", blocks.get(0).get("type").asText()),
                () -> assertEquals("✅ Resolved · api · down", blocks.get(0).get("text").get("text").asText()),
                () -> assertEquals("section", blocks.get(1).get("type").asText()),
                () -> assertTrue(main.matches("\\*down resolved\\*\n" + url + "\nDown for \\d+s"), main),
                () -> assertFalse(message.toString().contains("<!here>"), "a resolution pages no one"),
                () -> assertContext(blocks));
    }

    private static void assertContext(JsonNode blocks) {
        JsonNode context = blocks.get(blocks.size() - 1);
        assertEquals("context", context.get("type").asText());
        assertTrue(context.get("elements").get(0).get("text").asText().startsWith("`down` · critical · #"),
                context::toString);
    }

    /** The request's JSON body, after checking it is a JSON POST to the webhook's path. */
    private static JsonNode body(LoggedRequest request) throws IOException {
        assertEquals("POST " + SECRET_PATH, request.getMethod() + " " + request.getUrl());
        assertEquals("application/json", request.getHeader("Content-Type"));
        return JSON.readTree(request.getBodyAsString());
    }
}
