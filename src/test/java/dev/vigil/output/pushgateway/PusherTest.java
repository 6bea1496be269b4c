package dev.vigil.output.pushgateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.FakeClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PusherTest {
    private static final String GROUP = "/metrics/job/vigil/instance/host1";

    private final WireMockServer wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00.250Z"));
    private final RecordingLogger log = new RecordingLogger();
    private final AtomicInteger renders = new AtomicInteger();
    private final PageWriter page = out -> out.write(("# TYPE vigil_renders gauge\nvigil_renders "
            + renders.incrementAndGet() + "\n").getBytes(StandardCharsets.UTF_8));
    private URI base;

    @BeforeEach
    void start() {
        wireMock.start();
        base = URI.create("http://127.0.0.1:" + wireMock.port());
    }

    @AfterEach
    void stop() {
        wireMock.stop();
    }

    @Test
    void outageLogsOneWarningAndRecoveryOneInfo() {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(500).withBody("storage full")));
        try (Pusher pusher = pusher(Settings.at(base))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("Pushgateway at " + base + " answered 500 to the push: storage full",
                        pusher.pushOnce().failure());
            }
            assertTrue(scrape().contains("vigil_push_last_success_timestamp_seconds 0.0\n"), scrape());
            wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(200)));

            assertTrue(pusher.pushOnce().succeeded());
            assertTrue(pusher.pushOnce().succeeded());
        }

        assertEquals(List.of(
                "WARNING pushes to Pushgateway at " + base + " failing: Pushgateway at " + base
                        + " answered 500 to the push: storage full; retrying with backoff",
                "INFO pushes to Pushgateway at " + base + " succeed again after 3 failures"), log.lines());
        assertTrue(scrape().contains("vigil_push_failures_total 3.0\n"), scrape());
        assertTrue(scrape().contains("vigil_push_last_success_timestamp_seconds 1.76722560025E9\n"), scrape());
    }

    @Test
    void backoffDoublesFromOneSecondUpToTheInterval() {
        var settings = new PushgatewaySettings(base, "vigil", Settings.GROUPING, Duration.ofSeconds(5),
                Duration.ofSeconds(5), null, false, Compression.GZIP);
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(503)));
        try (Pusher pusher = pusher(settings)) {
            List<PushOutcome> failing = List.of(pusher.pushOnce(), pusher.pushOnce(), pusher.pushOnce(),
                    pusher.pushOnce(), pusher.pushOnce());
            wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(200)));
            PushOutcome recovered = pusher.pushOnce();

            assertEquals(List.of(1, 2, 3, 4, 5), failing.stream().map(PushOutcome::consecutiveFailures).toList());
            assertEquals(List.of(1L, 2L, 4L, 5L, 5L), failing.stream().map(o -> o.next().toSeconds()).toList());
            assertEquals(new PushOutcome(null, 0, Duration.ofSeconds(5)), recovered);
        }
    }

    @Test
    void loopPushesAFreshPageEachTimeAndCloseDeletesTheGroup() {
        wireMock.stubFor(put(GROUP).willReturn(aResponse().withStatus(200)));
        wireMock.stubFor(delete(GROUP).willReturn(aResponse().withStatus(202)));
        try (Pusher pusher = pusher(Settings.at(base, Duration.ofSeconds(5), null, true)).start()) {
            Eventually.until(Duration.ofSeconds(10), "three pushes", () -> pushes().size() >= 3);
            wireMock.verify(0, deleteRequestedFor(urlEqualTo(GROUP)));
        }

        wireMock.verify(1, deleteRequestedFor(urlEqualTo(GROUP)));
        List<String> bodies = pushes().stream().map(LoggedRequest::getBodyAsString).toList();
        assertEquals("# TYPE vigil_renders gauge\nvigil_renders 1\n", bodies.getFirst());
        assertEquals("# TYPE vigil_renders gauge\nvigil_renders 2\n", bodies.get(1));
        assertEquals(List.of(), log.lines());
    }

    @Test
    void failedDeleteOnShutdownIsOneWarning() {
        wireMock.stubFor(delete(GROUP).willReturn(aResponse().withStatus(500)));

        pusher(Settings.at(base, Duration.ofSeconds(5), null, true)).close();

        assertEquals(List.of("WARNING could not delete group " + GROUP + " on shutdown: Pushgateway at " + base
                + " answered 500 to the delete"), log.lines());
    }

    @Test
    void withoutDeleteOnShutdownTheGroupStays() {
        pusher(Settings.at(base)).close();

        wireMock.verify(0, deleteRequestedFor(urlEqualTo(GROUP)));
    }

    private Pusher pusher(PushgatewaySettings settings) {
        return new Pusher(settings, page, registry, clock, log);
    }

    private List<LoggedRequest> pushes() {
        return wireMock.findAll(putRequestedFor(urlEqualTo(GROUP)));
    }

    private String scrape() {
        return registry.scrape();
    }
}
