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
import dev.vigil.testing.AlertmanagerProcess;
import dev.vigil.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as an alert source of Debian's real Alertmanager, whose webhook receiver is a WireMock: an outage of a
 * loopback target gives exactly one firing and one resolved notification, with the diagnosis in the annotations,
 * from one Alertmanager and from two clustered ones that the agent both feeds.
 */
class AlertmanagerAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * How long no further notification may come once the outage is told: longer than a peer's wait before it notifies
     * (1 s) plus a group interval (3 s), so a duplicate from either Alertmanager would show.
     */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final String GENERATOR = "http://vigil.example.com/";
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

    @BeforeEach
    void start() {
        AlertmanagerProcess.assumeInstalled();
        target.start();
        receiver.start();
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
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
    void anOutageIsOneFiringAndOneResolvedNotificationWithTheDiagnosis() throws Exception {
        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir, hook())) {
            tellOutage(List.of(alertmanager));
        }
    }

    @Test
    void twoClusteredAlertmanagersBothFedStillNotifyOnce() throws Exception {
        try (AlertmanagerProcess first = AlertmanagerProcess.start(dir, hook(), null);
                AlertmanagerProcess second = AlertmanagerProcess.start(dir, hook(), first)) {
            Eventually.until(WAIT, "the two Alertmanagers formed a cluster",
                    () -> first.clusterSize() == 2 && second.clusterSize() == 2);

            tellOutage(List.of(first, second));
        }
    }

    @Test
    void anAlertFiringAcrossARestartIsNotResolvedByItsEndsAt() throws Exception {
        target.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(503)));
        String url = "http://127.0.0.1:" + target.port() + "/health";
        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start(dir, hook())) {
            agent = startAgent(url, List.of(alertmanager));
            Eventually.until(WAIT, "a firing notification", () -> !notifications().isEmpty());
            agent.close();

            agent = startAgent(url, List.of(alertmanager));
            // Past the endsAt of the stopped agent's last post (four 1 s re-send intervals) and a group interval.
            Instant until = Instant.now().plus(Duration.ofSeconds(8));
            while (Instant.now().isBefore(until)) {
                assertEquals(1, alertmanager.activeAlerts().size(), "the alert stays active");
                assertEquals(1, notifications().size(), () -> "notifications: " + notifications());
                Thread.sleep(200);
            }
        }
    }

    /** Takes the target down and up again under an agent posting to {@code alertmanagers}; checks what was told. */
    private void tellOutage(List<AlertmanagerProcess> alertmanagers) throws Exception {
        target.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(503)));
        String url = "http://127.0.0.1:" + target.port() + "/health";
        agent = startAgent(url, alertmanagers);

        Eventually.until(WAIT, "a firing notification", () -> !notifications().isEmpty());
        JsonNode firing = notifications().getFirst();
        assertEquals("firing", firing.get("status").asText(), firing.toString());
        JsonNode alert = onlyAlert(firing);
        assertEquals("VigilDown", alert.at("/labels/alertname").asText(), alert.toString());
        assertEquals("api", alert.at("/labels/probe").asText());
        assertEquals(url, alert.at("/labels/instance").asText());
        assertEquals("critical", alert.at("/labels/severity").asText());
        assertEquals("down", alert.at("/labels/condition").asText());
        assertEquals("ops", alert.at("/labels/team").asText());
        // The cause, e.g. "http_status: URL answered 503, expected 2xx" (or a timeout, should the target be slow to warm up).
        assertTrue(alert.at("/annotations/summary").asText().contains(url), alert.toString());
        assertEquals(GENERATOR, alert.get("generatorURL").asText());
        staysAt(1, alertmanagers);

        awaitMidInterval(firstNotifiedAt());
        target.stubFor(get(urlPathEqualTo("/health")).willReturn(aResponse().withStatus(200)));
        Eventually.until(WAIT, "a resolved notification", () -> notifications().size() > 1);
        JsonNode resolved = notifications().get(1);
        assertEquals("resolved", resolved.get("status").asText(), resolved.toString());
        assertEquals(alert.get("labels"), onlyAlert(resolved).get("labels"), "the same alert");
        Eventually.until(WAIT, "no alert active in any Alertmanager",
                () -> alertmanagers.stream().allMatch(am -> am.activeAlerts().isEmpty()));

        staysAt(2, alertmanagers);
    }

    /** Asserting an absence needs a window: no further notification may come within {@link #QUIET}. */
    private void staysAt(int count, List<AlertmanagerProcess> alertmanagers) throws InterruptedException {
        Instant quietUntil = Instant.now().plus(QUIET);
        while (Instant.now().isBefore(quietUntil)) {
            assertEquals(count, notifications().size(), () -> "notifications: " + notifications() + "; logs: "
                    + alertmanagers.stream().map(AlertmanagerProcess::log).collect(Collectors.joining("\n---\n")));
            Thread.sleep(100);
        }
    }

    /**
     * Waits until the recovery, which the agent tells within about half a second of the target's, reaches the
     * Alertmanagers mid-way between two flushes of the alert's group, which follow {@code notifiedAt} (the first
     * member's first flush) every group interval. A resolution that reached the first member just before its flush
     * and a peer just after its own (a few milliseconds apart) would have the peer tell the firing it had queued when
     * the first member's resolution reached it; Alertmanager does that, whoever sends the alerts.
     */
    private static void awaitMidInterval(Instant notifiedAt) throws InterruptedException {
        long interval = AlertmanagerProcess.GROUP_INTERVAL.toMillis();
        long sinceFlush = Math.floorMod(Instant.now().toEpochMilli() - notifiedAt.toEpochMilli(), interval);
        long wait = Math.floorMod(interval / 2 - 300 - sinceFlush, interval);
        Thread.sleep(wait);
    }

    /** When the receiver got the first notification. */
    private Instant firstNotifiedAt() {
        return receiver.getAllServeEvents().getLast().getRequest().getLoggedDate().toInstant();
    }

    private URI hook() {
        return URI.create(receiver.baseUrl() + "/hook");
    }

    private Agent startAgent(String url, List<AlertmanagerProcess> alertmanagers) throws Exception {
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "api", "url": "%s", "interval": "500ms", "timeout": "500ms",
                             "labels": {"team": "ops"}}],
                 "outputs": {"alertmanager": [{"name": "am", "urls": [%s], "resendInterval": "1s",
                                               "generatorUrl": "%s"}]}}
                """.formatted(url, alertmanagers.stream().map(am -> "\"" + am.url() + "\"")
                .collect(Collectors.joining(", ")), GENERATOR));
        return Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 4, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(),
                new ConfigLoader(name -> null)::load, http, ct);
    }

    private static JsonNode onlyAlert(JsonNode notification) {
        assertEquals(1, notification.get("alerts").size(), notification.toString());
        return notification.get("alerts").get(0);
    }

    /** The notifications the receiver got, oldest first. */
    private List<JsonNode> notifications() {
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
