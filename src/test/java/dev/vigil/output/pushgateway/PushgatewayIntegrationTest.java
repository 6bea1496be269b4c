package dev.vigil.output.pushgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.testing.FakeClock;
import dev.vigil.testing.PushgatewayProcess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Vigil's page pushed to the real Pushgateway binary, and read back the way Prometheus and people read it. */
class PushgatewayIntegrationTest {
    private static final String PROBES = """
            # HELP probe_success Displays whether or not the probe was a success
            # TYPE probe_success gauge
            probe_success{probe="api",instance="https://api.example/"} %s
            probe_success{probe="shop",instance="https://shop.example/health",team="web"} 1.0
            # HELP probe_http_duration_seconds Duration of http request by phase, summed over all redirects
            # TYPE probe_http_duration_seconds gauge
            probe_http_duration_seconds{probe="api",instance="https://api.example/",phase="resolve"} 0.002
            probe_http_duration_seconds{probe="api",instance="https://api.example/",phase="connect"} 0.003
            # HELP probe_ssl_last_chain_info Contains SSL leaf certificate information
            # TYPE probe_ssl_last_chain_info gauge
            probe_ssl_last_chain_info{probe="shop",instance="https://shop.example/health",team="web",\
            fingerprint_sha256="ab12",subject="CN=shop.example",issuer="CN=Example CA,O=Example",\
            subjectalternative="shop.example,*.shop.example",serialnumber="0a1b"} 1
            # HELP vigil_probe_failure_kind The failure kind of the probe's last run, or none if it passed
            # TYPE vigil_probe_failure_kind gauge
            vigil_probe_failure_kind{probe="api",instance="https://api.example/",kind="%s"} 1.0
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PushgatewayProcess pushgateway;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger configured = new AtomicInteger(2);
    private volatile String probes = PROBES.formatted("1.0", "none");

    @BeforeAll
    static void startPushgateway() throws IOException {
        PushgatewayProcess.assumeInstalled();
        pushgateway = PushgatewayProcess.start();
    }

    @AfterEach
    void wipe() {
        if (pushgateway != null) {
            pushgateway.wipe();
        }
    }

    @AfterAll
    static void stopPushgateway() throws IOException {
        if (pushgateway != null) {
            pushgateway.close();
        }
    }

    @Test
    void acceptsVigilsPageWithGroupingLabelsAddedAndInstanceExported() throws Exception {
        try (PushgatewayClient client = new PushgatewayClient(Settings.at(pushgateway.url()))) {
            client.push(page());
        }

        String metrics = pushgateway.get("/metrics");
        String group = "instance=\"host1\",job=\"vigil\"";
        assertAll(metrics,
                "probe_success{exported_instance=\"https://api.example/\"," + group + ",probe=\"api\"} 1",
                "probe_success{exported_instance=\"https://shop.example/health\"," + group
                        + ",probe=\"shop\",team=\"web\"} 1",
                "probe_http_duration_seconds{exported_instance=\"https://api.example/\"," + group
                        + ",phase=\"connect\",probe=\"api\"} 0.003",
                "probe_ssl_last_chain_info{exported_instance=\"https://shop.example/health\","
                        + "fingerprint_sha256=\"ab12\",instance=\"host1\",issuer=\"CN=Example CA,O=Example\","
                        + "job=\"vigil\",probe=\"shop\",serialnumber=\"0a1b\",subject=\"CN=shop.example\","
                        + "subjectalternative=\"shop.example,*.shop.example\",team=\"web\"} 1",
                "vigil_probe_failure_kind{exported_instance=\"https://api.example/\"," + group
                        + ",kind=\"none\",probe=\"api\"} 1",
                "vigil_test_runs_total{" + group + "} 3",
                "vigil_test_probes_configured{" + group + "} 2",
                "vigil_test_lag_seconds_sum{" + group + "} 0.25",
                "vigil_test_lag_seconds_count{" + group + "} 1",
                "push_failure_time_seconds{" + group + "} 0");

        JsonNode pushed = group(Map.of("job", "vigil", "instance", "host1"));
        assertTrue(pushed.get("last_push_successful").asBoolean(), pushed::toString);
        JsonNode api = series(pushed, "probe_success", "api");
        assertEquals("https://api.example/", api.get("labels").get("exported_instance").asText());
        assertEquals("1", api.get("value").asText());
        assertEquals("GAUGE", pushed.get("probe_success").get("type").asText());
        assertEquals("COUNTER", pushed.get("vigil_test_runs_total").get("type").asText());
    }

    @Test
    void secondPushReplacesTheGroup() throws Exception {
        try (PushgatewayClient client = new PushgatewayClient(Settings.at(pushgateway.url()))) {
            client.push(page());
            configured.set(1);
            probes = PROBES.formatted("0.0", "timeout").lines()
                    .filter(line -> !line.contains("probe=\"shop\"")).map(line -> line + "\n")
                    .reduce("", String::concat);
            client.push(page());
        }

        String metrics = pushgateway.get("/metrics");
        assertAll(metrics,
                "probe_success{exported_instance=\"https://api.example/\",instance=\"host1\",job=\"vigil\","
                        + "probe=\"api\"} 0",
                "vigil_probe_failure_kind{exported_instance=\"https://api.example/\",instance=\"host1\","
                        + "job=\"vigil\",kind=\"timeout\",probe=\"api\"} 1",
                "vigil_test_probes_configured{instance=\"host1\",job=\"vigil\"} 1");
        assertFalse(metrics.contains("probe=\"shop\""), metrics);
        assertFalse(metrics.contains("kind=\"none\""), metrics);
    }

    @Test
    void deleteRemovesTheGroup() throws Exception {
        try (PushgatewayClient client = new PushgatewayClient(Settings.at(pushgateway.url()))) {
            client.push(page());
            client.delete();
        }

        assertFalse(pushgateway.get("/metrics").contains("job=\"vigil\""));
        assertEquals(0, JSON.readTree(pushgateway.get("/api/v1/metrics")).get("data").size());
    }

    @Test
    void groupingValuesWithSlashesOrEmptyGoThroughBase64() throws Exception {
        Map<String, String> grouping = new LinkedHashMap<>();
        grouping.put("instance", "host1");
        grouping.put("path", "/var/lib/vigil");
        grouping.put("zone", "");
        var settings = new PushgatewaySettings(pushgateway.url(), "vigil/eu", grouping, Duration.ofSeconds(15),
                Duration.ofSeconds(5), null, false, Compression.GZIP);
        try (PushgatewayClient client = new PushgatewayClient(settings)) {
            client.push(page());
        }

        JsonNode pushed = group(Map.of("job", "vigil/eu", "instance", "host1", "path", "/var/lib/vigil", "zone", ""));
        assertTrue(pushed.get("last_push_successful").asBoolean(), pushed::toString);
        assertEquals("/var/lib/vigil", series(pushed, "probe_success", "api").get("labels").get("path").asText());
        assertAll(pushgateway.get("/metrics"),
                "push_failure_time_seconds{instance=\"host1\",job=\"vigil/eu\",path=\"/var/lib/vigil\",zone=\"\"} 0");
    }

    @Test
    void pusherPushesItsOwnMetersAlong() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (Pusher pusher = new Pusher(Settings.at(pushgateway.url()), page(), registry, clock, new RecordingLogger())) {
            assertTrue(pusher.pushOnce().succeeded());
            assertTrue(pusher.pushOnce().succeeded());
        }

        assertAll(pushgateway.get("/metrics"),
                "vigil_push_failures_total{instance=\"host1\",job=\"vigil\"} 0",
                "vigil_push_last_success_timestamp_seconds{instance=\"host1\",job=\"vigil\"} 1.7672256e+09");
    }

    /** The agent's page: Micrometer's meters, then the probes' families. */
    private PageWriter page() {
        Counter.builder("vigil.test.runs").register(registry).increment(3);
        Gauge.builder("vigil.test.probes.configured", configured, AtomicInteger::get).register(registry);
        Timer.builder("vigil.test.lag").publishPercentiles(0.5).register(registry).record(Duration.ofMillis(250));
        return out -> {
            registry.scrape(out, PushgatewayClient.TEXT_FORMAT);
            out.write(probes.getBytes(StandardCharsets.UTF_8));
        };
    }

    /** The group of {@code /api/v1/metrics} with exactly these labels. */
    private static JsonNode group(Map<String, String> labels) {
        return pushgateway.group(labels).orElseThrow(() -> new AssertionError("no group " + labels + " in "
                + pushgateway.get("/api/v1/metrics")));
    }

    private static JsonNode series(JsonNode group, String family, String probe) {
        return PushgatewayProcess.series(group, family, probe)
                .orElseThrow(() -> new AssertionError("no " + family + " of " + probe + " in " + group));
    }

    private static void assertAll(String page, String... lines) {
        List<String> present = page.lines().toList();
        for (String line : lines) {
            assertTrue(present.contains(line), () -> "no line " + line + " in\n" + page + "\nPushgateway log:\n"
                    + pushgateway.log());
        }
    }
}
