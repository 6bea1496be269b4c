package dev.vigil.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.cert.ct.CrtShClient;
import dev.vigil.config.ConfigLoader;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.Eventually;
import dev.vigil.testing.Issued;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /probe} on a running agent against a local HTTPS target: blackbox's families for one run, the refusals, the
 * scrape timeout, and the certificate history kept as for a scheduled probe.
 */
class ProbeEndpointAgentTest {
    private static final TestPki PKI = TestPki.create();
    private static final Issued LEAF = PKI.leaf("localhost", PKI.root()).sans("localhost").issue();

    @TempDir
    Path dir;

    private final HttpProbe http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
    private final CrtShClient ct = new CrtShClient("Vigil/test");
    private WireMockHttps target;
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        target = WireMockHttps.start(LEAF);
        target.server().stubFor(get("/health").willReturn(ok("up")));
        target.server().stubFor(get("/scheduled").willReturn(ok("up")));
        // Longer than the in-flight test waits for anything, so its /probe runs are still hanging when it checks.
        target.server().stubFor(get("/hang").willReturn(ok("late").withFixedDelay(60_000)));
        target.server().stubFor(get("/slow").willReturn(ok("late").withFixedDelay(5_000)));
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        int port = target.httpsUri().getPort();
        Path config = Files.writeString(dir.resolve("probes.json"), """
                {"probes": [{"name": "scheduled", "url": "https://localhost:%1$d/scheduled", "interval": "500ms",
                             "timeout": "500ms", "tls": {"caFile": "%2$s"}}],
                 "modules": {
                   "http_2xx": {"timeout": "10s", "tls": {"caFile": "%2$s"}, "expectStatus": [200],
                                "allowedTargets": ["https://localhost:%1$d/*"]},
                   "closed": {}}}
                """.formatted(port, ca));
        agent = Agent.start(new AgentSettings(config, new InetSocketAddress("127.0.0.1", 0), 1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), dir.resolve("state"), false), Clock.systemUTC(),
                new ConfigLoader(name -> null)::load, http, ct);
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        ct.close();
        http.close();
        target.close();
    }

    private HttpResponse<String> probe(String module, String target, String scrapeTimeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Scrape.uri(agent.address(), "/probe?module=" + module
                + "&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
        if (scrapeTimeout != null) {
            request.header("X-Prometheus-Scrape-Timeout-Seconds", scrapeTimeout);
        }
        return Scrape.send(agent.address(), request.build());
    }

    private String local(String path) {
        return "https://localhost:" + target.httpsUri().getPort() + path;
    }

    private static String sha256(Issued issued) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(issued.certificate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> lines(String body) {
        return body.lines().collect(Collectors.toSet());
    }

    @Test
    void anAllowedHttpsTargetAnswersBlackboxFamiliesForOneRun() {
        HttpResponse<String> answer = probe("http_2xx", local("/health"), null);

        assertEquals(200, answer.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow());
        Set<String> lines = lines(answer.body());
        for (String expected : List.of("probe_success 1.0", "probe_http_status_code 200.0", "probe_http_ssl 1.0",
                "probe_http_version 1.1", "probe_http_uncompressed_body_length 2.0", "vigil_cert_duplicate_set_issued_168h 0.0",
                "probe_ip_protocol 4.0",
                "probe_failed_due_to_regex 0.0", "vigil_probe_failure_kind{kind=\"none\"} 1.0",
                "probe_tls_version_info{version=\"TLS 1.3\"} 1")) {
            assertTrue(lines.contains(expected), () -> expected + " not in\n" + answer.body());
        }
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("probe_ssl_last_chain_info{fingerprint_sha256=\""
                + sha256(LEAF) + "\",subject=\"CN=localhost\",") && line.contains(",subjectalternative=\"localhost\","
                + "serialnumber=\"") && line.endsWith("\"} 1")), answer.body());
        assertFalse(answer.body().contains("instance="), answer.body());
        assertFalse(answer.body().contains("probe=\""), answer.body());
        // The test CA is no CA whose limits are watched: no count of certificates left is claimed.
        assertFalse(answer.body().contains("vigil_cert_duplicate_set_tokens_left "), answer.body());
    }

    @Test
    void refusalsNameTheRuleAndNeverTheSecret() {
        HttpResponse<String> unknown = probe("nope", local("/health"), null);
        HttpResponse<String> missing = Scrape.get(agent.address(), "/probe?module=http_2xx");
        HttpResponse<String> outside = probe("http_2xx", "https://elsewhere.example/x?token=SECRET", null);
        HttpResponse<String> closed = probe("closed", local("/health"), null);

        assertEquals(List.of(400, 400, 403, 403), List.of(unknown.statusCode(), missing.statusCode(),
                outside.statusCode(), closed.statusCode()));
        assertEquals("Unknown module \"nope\"; this config's modules: closed, http_2xx\n", unknown.body());
        assertEquals("Target parameter is missing\n", missing.body());
        assertEquals("target https://elsewhere.example is not within module http_2xx's allowedTargets: https://localhost:"
                + target.httpsUri().getPort() + "/*\n", outside.body());
        assertTrue(closed.body().startsWith("module closed has no allowedTargets, so it probes no target"), closed.body());
        assertEquals(0, requests("/health"));
    }

    private long requests(String path) {
        return target.server().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(path)).count();
    }

    @Test
    void probeRunsInFlightNeverHoldUpScheduledProbing() {
        // The agent runs one scheduled probe at a time (--concurrency 1); two /probe runs hang on a slow target.
        List<CompletableFuture<HttpResponse<String>>> hung = List.of(
                CompletableFuture.supplyAsync(() -> probe("http_2xx", local("/hang"), "30")),
                CompletableFuture.supplyAsync(() -> probe("http_2xx", local("/hang"), "30")));
        Eventually.until(Duration.ofSeconds(10), "two /probe runs in flight", () -> requests("/hang") == 2);
        long before = requests("/scheduled");

        Eventually.until(Duration.ofSeconds(10), "two scheduled runs meanwhile", () -> requests("/scheduled") >= before + 2);

        assertTrue(hung.stream().noneMatch(CompletableFuture::isDone), "the /probe runs ended before the check");
    }

    @Test
    void aReloadAppliesTheNewModulesAtOnce() throws Exception {
        Path config = dir.resolve("probes.json");
        Files.writeString(config, Files.readString(config).replace("\"closed\": {}",
                "\"closed\": {\"allowedTargets\": [\"" + local("/health") + "\"]}"));

        assertEquals(403, probe("closed", local("/health"), null).statusCode());
        assertTrue(agent.reload().applied());
        assertEquals(200, probe("closed", local("/health"), null).statusCode());
    }

    @Test
    void prometheusScrapeTimeoutCutsTheRunShort() {
        HttpResponse<String> answer = probe("http_2xx", local("/slow"), "1.5");

        assertEquals(200, answer.statusCode());
        Set<String> lines = lines(answer.body());
        assertTrue(lines.contains("probe_success 0.0"), answer.body());
        assertTrue(lines.contains("vigil_probe_failure_kind{kind=\"timeout\"} 1.0"), answer.body());
        // The module allows 10 s and the target answers after 5 s: only the header's 1.5 s (less 0.5 s) ended it.
        double took = Double.parseDouble(answer.body().lines().filter(l -> l.startsWith("probe_duration_seconds "))
                .findFirst().orElseThrow().substring("probe_duration_seconds ".length()));
        assertTrue(took < 5, answer.body());
    }

    @Test
    void aRunRecordsTheCertificateHistoryUnderTheModule() throws Exception {
        assertEquals(200, probe("http_2xx", local("/health"), null).statusCode());
        agent.close();
        agent = null;

        JsonNode state = new ObjectMapper().readTree(dir.resolve("state/state.json").toFile());
        List<String> probes = StreamSupport.stream(state.get("endpoints").spliterator(), false)
                .flatMap(endpoint -> StreamSupport.stream(endpoint.get("probes").spliterator(), false))
                .map(JsonNode::asText).toList();
        assertTrue(probes.contains("module:http_2xx"), state::toPrettyString);
        assertTrue(state.toString().contains(sha256(LEAF)), state::toPrettyString);
    }
}
