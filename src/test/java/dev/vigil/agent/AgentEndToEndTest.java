package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Prober;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import dev.vigil.testing.WireMockHttps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil run} in process against real HTTPS targets on loopback, read back through its own endpoints. */
class AgentEndToEndTest {
    private static final TestPki PKI = TestPki.create();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static WireMockHttps wiremock;
    private static TlsTestServer expired;
    private static TlsTestServer hanging;
    private static HttpProbe http;
    private static Agent agent;
    /** Runs per URL, counted around the real prober. */
    private static final Map<URI, AtomicInteger> RUNS = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue();
        wiremock = WireMockHttps.start(leaf);
        wiremock.server().stubFor(get(urlEqualTo("/up")).willReturn(aResponse().withStatus(200).withBody("ok")));
        wiremock.server().stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(503).withBody("no")));
        Instant now = Instant.now();
        expired = TlsTestServer.tls(PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1")
                .validBetween(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(2))).issue())
                .responder(Responders.ok("ok")).start();
        hanging = TlsTestServer.tls(leaf).responder(Responders.neverAnswer()).start();

        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Path config = dir.resolve("probes.json");
        Files.writeString(config, """
                {"defaults": {"interval": "3s", "timeout": "3s", "tls": {"caFile": "%s"}},
                 "probes": [
                  {"name": "up", "url": "%s", "labels": {"team": "payments"}},
                  {"name": "down", "url": "%s"},
                  {"name": "expired", "url": "%s"},
                  {"name": "fast", "url": "%s", "interval": "200ms", "timeout": "200ms"},
                  {"name": "hung", "url": "%s", "interval": "1s", "timeout": "500ms"}]}
                """.formatted(ca, wiremock.httpsUri("/up"), wiremock.httpsUri("/down"), expired.uri("/"),
                wiremock.httpsUri("/fast"), hanging.uri("/")));
        http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
        Prober counting = spec -> count(spec, http);
        agent = Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 16, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(), new ConfigLoader(name -> null)::load, counting,
                (settings, names) -> List.of());
    }

    private static ProbeResult count(ProbeSpec spec, Prober real) {
        ProbeResult result = real.run(spec);
        RUNS.computeIfAbsent(spec.url(), url -> new AtomicInteger()).incrementAndGet();
        return result;
    }

    @AfterAll
    static void stop() {
        agent.close();
        http.close();
        hanging.close();
        expired.close();
        wiremock.close();
    }

    private static Scrape scrapeOnceEveryProbeReported(String... probes) {
        Scrape[] last = new Scrape[1];
        Eventually.until(WAIT, "every probe reported", () -> {
            last[0] = Scrape.of(agent.address());
            for (String probe : probes) {
                if (last[0].value("probe_success", "probe", probe).isEmpty()) {
                    return false;
                }
            }
            return true;
        });
        return last[0];
    }

    @Test
    void anUpProbeHasBlackboxCompatibleSeries() {
        Scrape scrape = scrapeOnceEveryProbeReported("up");
        String instance = wiremock.httpsUri("/up").toString();

        assertEquals(1.0, scrape.value("probe_success", "probe", "up", "instance", instance, "team", "payments").orElseThrow(),
                () -> scrape.text().lines().filter(line -> line.contains("probe=\"up\"")).toList().toString());
        assertEquals(200.0, scrape.value("probe_http_status_code", "probe", "up").orElseThrow());
        assertEquals(1.0, scrape.value("probe_http_ssl", "probe", "up").orElseThrow());
        assertEquals(1.0, scrape.value("vigil_probe_failure_kind", "probe", "up", "kind", "none").orElseThrow());
        assertTrue(scrape.value("probe_ssl_earliest_cert_expiry", "probe", "up").orElseThrow()
                > Instant.now().getEpochSecond());
        assertTrue(scrape.value("probe_duration_seconds", "probe", "up").orElseThrow() > 0);
    }

    @Test
    void aDownProbeSaysWhy() {
        Scrape scrape = scrapeOnceEveryProbeReported("down");

        assertEquals(0.0, scrape.value("probe_success", "probe", "down").orElseThrow());
        assertEquals(503.0, scrape.value("probe_http_status_code", "probe", "down").orElseThrow());
        assertEquals(1.0, scrape.value("vigil_probe_failure_kind", "probe", "down", "kind", "http_status").orElseThrow());
    }

    @Test
    void anExpiredCertificateIsReportedWithItsExpiry() {
        Scrape scrape = scrapeOnceEveryProbeReported("expired");

        assertEquals(0.0, scrape.value("probe_success", "probe", "expired").orElseThrow());
        assertEquals(1.0, scrape.value("vigil_probe_failure_kind", "probe", "expired", "kind", "cert_expired").orElseThrow());
        assertTrue(scrape.value("probe_ssl_earliest_cert_expiry", "probe", "expired").orElseThrow()
                < Instant.now().getEpochSecond());
    }

    @Test
    void aHangingTargetDoesNotDelayTheOtherProbes() {
        URI hung = hanging.uri("/");
        URI healthy = wiremock.httpsUri("/fast");
        int healthyBefore = runs(healthy);
        int hungBefore = runs(hung);

        Eventually.until(WAIT, "two more runs of the hanging probe", () -> runs(hung) >= hungBefore + 2);

        // Two more hung runs take at least one 1 s interval plus a 500 ms timeout: at 200 ms the fast probe fits
        // about 7 runs in that time (whatever their outcome), and a scheduler that waited on the hung target far fewer.
        int healthyRuns = runs(healthy) - healthyBefore;
        assertTrue(healthyRuns >= 5, "the fast probe ran only " + healthyRuns + " times meanwhile");
        Scrape scrape = Scrape.of(agent.address());
        assertEquals(1.0, scrape.value("vigil_probe_failure_kind", "probe", "hung", "kind", "timeout").orElseThrow());
        assertEquals(1.0, scrape.value("probe_success", "probe", "up").orElseThrow());
    }

    private static int runs(URI url) {
        AtomicInteger n = RUNS.get(url);
        return n == null ? 0 : n.get();
    }

    @Test
    void healthReadinessAndWrongMethodsAnswerLikePrometheus() {
        InetSocketAddress at = agent.address();
        assertEquals(200, Scrape.get(at, "/-/healthy").statusCode());
        assertEquals(200, Scrape.get(at, "/-/ready").statusCode());
        assertEquals(404, Scrape.get(at, "/nothing-here").statusCode());
        HttpResponse<String> getReload = Scrape.get(at, "/-/reload");
        assertEquals(405, getReload.statusCode());
        assertEquals("POST", getReload.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void metricsAreGzippedWhenAsked() throws IOException {
        scrapeOnceEveryProbeReported("up");
        HttpRequest request = HttpRequest.newBuilder(Scrape.uri(agent.address(), "/metrics"))
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> response;
        try {
            response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals(MetricsPage.TEXT_FORMAT, response.headers().firstValue("Content-Type").orElseThrow());
        String text = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(text.contains("# TYPE vigil_scheduler_lag_seconds summary"), text);
        assertTrue(text.contains("\nprobe_success{probe=\"up\","), text);
        List<String> families = text.lines().filter(line -> line.startsWith("# TYPE ")).toList();
        assertEquals(Set.copyOf(families).size(), families.size(), "a family written twice: " + families);
    }
}
