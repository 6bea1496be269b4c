package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.vigil.cert.ct.CrtShClient;
import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's alerting across restarts, with a JSON webhook as the receiver: a firing alert is not told again after a
 * restart, a "resolved" the receiver refused until the stop is delivered by the next agent, and a certificate
 * changed while no agent ran is told by the first run after the start.
 */
class AlertingAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final WireMockServer target = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());
    private final WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
            .dynamicPort());
    private final HttpProbe http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
    private final CrtShClient ct = new CrtShClient("Vigil/test");
    private Agent agent;
    private Path config;

    @BeforeEach
    void start() throws IOException {
        target.start();
        receiver.start();
        config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "http://127.0.0.1:%d/health", "interval": "500ms",
                             "timeout": "500ms", "labels": {"team": "ops"}}],
                 "outputs": {"webhooks": [{"name": "hook", "url": "http://127.0.0.1:%d/hook"}]}}
                """.formatted(target.port(), receiver.port()));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        ct.close();
        http.close();
        target.stop();
        receiver.stop();
    }

    @Test
    void aRestartNeitherTellsAFiringAlertAgainNorLosesAPendingResolved() throws Exception {
        target.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(503)));
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        agent = startAgent();
        Eventually.until(WAIT, "the firing message reached the receiver", () -> received().size() == 1);
        JsonNode firing = received().getFirst();
        assertEquals("firing", firing.get("type").asText());
        assertEquals("down", firing.get("condition").asText());
        assertEquals("critical", firing.get("severity").asText());
        assertEquals("ops", firing.get("labels").get("team").asText());
        assertTrue(firing.get("summary").asText().startsWith("http_status: "), firing.toString());
        agent.close();

        agent = startAgent();
        waitForRuns(3);
        assertEquals(1, received().size(), "messages after a restart with the alert still firing: " + received());

        receiver.resetAll();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(503)));
        target.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(200)));
        Eventually.until(WAIT, "the receiver refused the resolved message", () -> !received().isEmpty());
        JsonNode refused = received().getFirst();
        assertEquals("resolved", refused.get("type").asText());
        agent.close();
        agent = null;
        String state = Files.readString(dir.resolve("state").resolve("state.json"));
        assertTrue(state.contains("\"outbox\"") && state.contains("\"resolved\""), state);

        receiver.resetAll();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        agent = startAgent();
        Eventually.until(WAIT, "the pending resolved message was delivered", () -> !received().isEmpty());
        waitForRuns(3);
        List<JsonNode> delivered = received();
        assertEquals(1, delivered.size(), "messages after the second restart: " + delivered);
        assertEquals("resolved", delivered.getFirst().get("type").asText());
        assertEquals(refused.get("sequence").asLong(), delivered.getFirst().get("sequence").asLong(),
                "the same message, not a new one");
        assertTrue(delivered.getFirst().get("sequence").asLong() > firing.get("sequence").asLong());
        assertTrue(delivered.getFirst().get("downForSeconds").asLong() >= 0, delivered.toString());
    }

    @Test
    void aCertificateReissuedWhileTheAgentWasStoppedIsToldByItsFirstRun() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        TestPki pki = TestPki.create();
        Instant issued = Instant.now().minus(Duration.ofDays(1));
        Issued first = pki.leaf("localhost").sans("localhost").validBetween(issued, issued.plus(Duration.ofDays(90)))
                .issue();
        Issued second = pki.leaf("localhost").sans("localhost")
                .validBetween(issued.plusSeconds(60), issued.plus(Duration.ofDays(90))).issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), pki.root().certificate());
        String url;
        try (TlsTestServer server = TlsTestServer.tls(first).responder(Responders.ok("up")).start()) {
            url = "https://localhost:" + server.port() + "/";
            Files.writeString(config, """
                    {"probes": [{"name": "api", "url": "%s", "interval": "500ms", "timeout": "500ms",
                                 "tls": {"caFile": "%s"}}],
                     "outputs": {"webhooks": [{"name": "hook", "url": "http://127.0.0.1:%d/hook"}]}}
                    """.formatted(url, ca, receiver.port()));
            agent = startAgent();
            waitForRuns(2);
            agent.close();

            server.serve(second);
            agent = startAgent();
            Eventually.until(WAIT, "the re-issue reached the receiver", () -> !received().isEmpty());
        }
        JsonNode event = received().getFirst();
        assertEquals("event", event.get("type").asText(), event.toString());
        assertEquals("cert_changed", event.get("condition").asText());
        assertEquals(url, event.get("url").asText());
        assertTrue(event.get("summary").asText().contains("reissue"), event.toString());
    }

    private Agent startAgent() throws Exception {
        return Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(), new ConfigLoader(name -> null)::load, http, ct);
    }

    /** Waits until the running agent has completed {@code runs} more runs than when called. */
    private void waitForRuns(int runs) {
        double start = runsSoFar();
        Eventually.until(WAIT, runs + " more runs", () -> runsSoFar() >= start + runs);
    }

    private double runsSoFar() {
        return Scrape.of(agent.address()).value("vigil_probe_runs_total").orElse(0);
    }

    /** The bodies the receiver got, oldest first. */
    private List<JsonNode> received() {
        return receiver.getAllServeEvents().reversed().stream().map(ServeEvent::getRequest)
                .map(request -> {
                    try {
                        return JSON.readTree(request.getBodyAsString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
    }
}
