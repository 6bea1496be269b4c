package dev.vigil.output.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.config.ProbeConfig;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpFacts;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.TlsFacts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProbeMetricsTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00.250Z");
    private static final Instant LEAF_EXPIRY = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CA_EXPIRY = Instant.parse("2026-02-01T00:00:00Z");
    private static final ProbeConfig SHOP = probe("shop", "https://shop.example/health", Map.of("team", "web"));
    private static final String SHOP_INSTANCE = "instance=\"https://shop.example/health\"";
    private static final String SHOP_PROBE = "probe=\"shop\",team=\"web\"";

    private final ProbeMetrics metrics = new ProbeMetrics();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    ProbeMetricsTest() {
        registry.getPrometheusRegistry().register(metrics);
    }

    @Test
    void upHttpsProbeShowsEveryFamilyLikeBlackboxExporter() {
        metrics.record(SHOP, up(leaf("ab12")));

        assertEquals("""
                # HELP probe_dns_lookup_time_seconds Returns the time taken for probe dns lookup in seconds
                # TYPE probe_dns_lookup_time_seconds gauge
                probe_dns_lookup_time_seconds{%1$s,%2$s} 0.002
                # HELP probe_duration_seconds Returns how long the probe took to complete in seconds
                # TYPE probe_duration_seconds gauge
                probe_duration_seconds{%1$s,%2$s} 0.125
                # HELP probe_failed_due_to_regex Indicates if probe failed due to regex
                # TYPE probe_failed_due_to_regex gauge
                probe_failed_due_to_regex{%1$s,%2$s} 0.0
                # HELP probe_http_content_length Length of http content response
                # TYPE probe_http_content_length gauge
                probe_http_content_length{%1$s,%2$s} 1234.0
                # HELP probe_http_duration_seconds Duration of http request by phase, summed over all redirects
                # TYPE probe_http_duration_seconds gauge
                probe_http_duration_seconds{%1$s,phase="connect",%2$s} 0.003
                probe_http_duration_seconds{%1$s,phase="processing",%2$s} 0.04
                probe_http_duration_seconds{%1$s,phase="resolve",%2$s} 0.002
                probe_http_duration_seconds{%1$s,phase="tls",%2$s} 0.01
                probe_http_duration_seconds{%1$s,phase="transfer",%2$s} 0.005
                # HELP probe_http_redirects The number of redirects
                # TYPE probe_http_redirects gauge
                probe_http_redirects{%1$s,%2$s} 1.0
                # HELP probe_http_ssl Indicates if SSL was used for the final redirect
                # TYPE probe_http_ssl gauge
                probe_http_ssl{%1$s,%2$s} 1.0
                # HELP probe_http_status_code Response HTTP status code
                # TYPE probe_http_status_code gauge
                probe_http_status_code{%1$s,%2$s} 200.0
                # HELP probe_http_version Returns the version of HTTP of the probe response
                # TYPE probe_http_version gauge
                probe_http_version{%1$s,%2$s} 2.0
                # HELP probe_ssl_earliest_cert_expiry Returns last SSL chain expiry in unixtime
                # TYPE probe_ssl_earliest_cert_expiry gauge
                probe_ssl_earliest_cert_expiry{%1$s,%2$s} 1.769904E9
                # HELP probe_ssl_last_chain_info Contains SSL leaf certificate information
                # TYPE probe_ssl_last_chain_info gauge
                probe_ssl_last_chain_info{fingerprint_sha256="ab12",%1$s,issuer="CN=Example CA,O=Example",probe="shop",\
                serialnumber="0a1b",subject="CN=shop.example",subjectalternative="shop.example,*.shop.example",\
                team="web"} 1
                # HELP probe_ssl_last_chain_expiry_timestamp_seconds Returns last SSL chain expiry in timestamp
                # TYPE probe_ssl_last_chain_expiry_timestamp_seconds gauge
                probe_ssl_last_chain_expiry_timestamp_seconds{%1$s,%2$s} 1.769904E9
                # HELP probe_success Displays whether or not the probe was a success
                # TYPE probe_success gauge
                probe_success{%1$s,%2$s} 1.0
                # HELP probe_tls_cipher_info Returns the TLS cipher negotiated during handshake
                # TYPE probe_tls_cipher_info gauge
                probe_tls_cipher_info{cipher="TLS_AES_128_GCM_SHA256",%1$s,%2$s} 1
                # HELP probe_tls_version_info Returns the TLS version used or NaN when unknown
                # TYPE probe_tls_version_info gauge
                probe_tls_version_info{%1$s,%2$s,version="TLS 1.3"} 1
                # HELP vigil_probe_failure_kind The failure kind of the probe's last run, or none if it passed
                # TYPE vigil_probe_failure_kind gauge
                vigil_probe_failure_kind{%1$s,kind="none",%2$s} 1.0
                # HELP vigil_probe_last_run_timestamp_seconds When the probe's last run started, in unixtime
                # TYPE vigil_probe_last_run_timestamp_seconds gauge
                vigil_probe_last_run_timestamp_seconds{%1$s,%2$s} 1.76722560025E9
                """.formatted(SHOP_INSTANCE, SHOP_PROBE), scrape());
    }

    @Test
    void downProbeWithoutResponseReportsZerosAndItsFailureKind() {
        metrics.record(probe("api", "http://api.test/", Map.of()), new ProbeResult(STARTED, Duration.ofSeconds(10),
                new Failure(FailureKind.TIMEOUT, "no answer"), null, null,
                new Phases(Duration.ofMillis(1), null, null, null, null)));

        assertEquals("""
                probe_dns_lookup_time_seconds{instance="http://api.test/",probe="api"} 0.001
                probe_duration_seconds{instance="http://api.test/",probe="api"} 10.0
                probe_failed_due_to_regex{instance="http://api.test/",probe="api"} 0.0
                probe_http_content_length{instance="http://api.test/",probe="api"} 0.0
                probe_http_duration_seconds{instance="http://api.test/",phase="resolve",probe="api"} 0.001
                probe_http_redirects{instance="http://api.test/",probe="api"} 0.0
                probe_http_ssl{instance="http://api.test/",probe="api"} 0.0
                probe_http_status_code{instance="http://api.test/",probe="api"} 0.0
                probe_http_version{instance="http://api.test/",probe="api"} 0.0
                probe_success{instance="http://api.test/",probe="api"} 0.0
                vigil_probe_failure_kind{instance="http://api.test/",kind="timeout",probe="api"} 1.0
                vigil_probe_last_run_timestamp_seconds{instance="http://api.test/",probe="api"} 1.76722560025E9
                """, samples());
    }

    @Test
    void expiredCertificateKeepsItsCertificateSeriesButNoVerifiedChainExpiry() {
        var tls = new TlsFacts("TLS 1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false, "certificate expired",
                List.of(leaf("cd34")));
        metrics.record(probe("old", "https://old.test/", Map.of()), new ProbeResult(STARTED, Duration.ofMillis(20),
                new Failure(FailureKind.CERT_EXPIRED, "expired"), null, tls, Phases.NONE));

        assertEquals("""
                probe_duration_seconds{instance="https://old.test/",probe="old"} 0.02
                probe_failed_due_to_regex{instance="https://old.test/",probe="old"} 0.0
                probe_http_content_length{instance="https://old.test/",probe="old"} 0.0
                probe_http_redirects{instance="https://old.test/",probe="old"} 0.0
                probe_http_ssl{instance="https://old.test/",probe="old"} 0.0
                probe_http_status_code{instance="https://old.test/",probe="old"} 0.0
                probe_http_version{instance="https://old.test/",probe="old"} 0.0
                probe_ssl_earliest_cert_expiry{instance="https://old.test/",probe="old"} 1.7723232E9
                probe_ssl_last_chain_info{fingerprint_sha256="cd34",instance="https://old.test/",\
                issuer="CN=Example CA,O=Example",probe="old",serialnumber="0a1b",subject="CN=shop.example",\
                subjectalternative="shop.example,*.shop.example"} 1
                probe_success{instance="https://old.test/",probe="old"} 0.0
                probe_tls_cipher_info{cipher="TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",instance="https://old.test/",\
                probe="old"} 1
                probe_tls_version_info{instance="https://old.test/",probe="old",version="TLS 1.2"} 1
                vigil_probe_failure_kind{instance="https://old.test/",kind="cert_expired",probe="old"} 1.0
                vigil_probe_last_run_timestamp_seconds{instance="https://old.test/",probe="old"} 1.76722560025E9
                """, samples());
    }

    @Test
    void bodyMismatchIsAFailureDueToRegex() {
        metrics.record(probe("re", "http://re.test/", Map.of()), new ProbeResult(STARTED, Duration.ofMillis(8),
                new Failure(FailureKind.BODY_MISMATCH, "body did not match"),
                new HttpFacts(200, "1.1", 0, URI.create("http://re.test/"), 5), null, Phases.NONE));

        assertEquals("""
                probe_failed_due_to_regex{instance="http://re.test/",probe="re"} 1.0
                probe_http_status_code{instance="http://re.test/",probe="re"} 200.0
                probe_http_version{instance="http://re.test/",probe="re"} 1.1
                probe_success{instance="http://re.test/",probe="re"} 0.0
                vigil_probe_failure_kind{instance="http://re.test/",kind="body_mismatch",probe="re"} 1.0
                """, samples("probe_failed_due_to_regex", "probe_http_status_code", "probe_http_version",
                "probe_success", "vigil_probe_failure_kind"));
    }

    @Test
    void removeTakesEverySeriesOfTheProbeAway() {
        metrics.record(SHOP, up(leaf("ab12")));
        metrics.record(probe("other", "https://other.test/", Map.of()), up(leaf("ef56")));
        String both = samples();

        metrics.remove("shop");

        assertEquals(21, both.lines().filter(line -> line.contains("probe=\"shop\"")).count(), both);
        assertEquals(both.lines().filter(line -> !line.contains("probe=\"shop\"")).toList(), samples().lines().toList());
        metrics.remove("other");
        assertEquals("", scrape());
    }

    @Test
    void recordingAgainReplacesTheProbesSeries() {
        metrics.record(SHOP, up(leaf("ab12")));
        String before = samples();
        metrics.record(SHOP, up(leaf("ef56")));

        assertEquals(before.replace("fingerprint_sha256=\"ab12\"", "fingerprint_sha256=\"ef56\""), samples());
        assertTrue(before.contains("fingerprint_sha256=\"ab12\""), before);
    }

    @Test
    void labelValuesAreEscaped() {
        metrics.record(probe("odd", "https://odd.test/", Map.of("note", "say \"hi\" \\ or\nnot")), up(leaf("ab12")));

        String expected = "probe_success{instance=\"https://odd.test/\",note=\"say \\\"hi\\\" \\\\ or\\nnot\","
                + "probe=\"odd\"} 1.0";
        assertTrue(samples().lines().anyMatch(expected::equals), this::scrape);
    }

    @Test
    void aProbeLabelNamedLikeOneOfVigilsIsRefusedWhenRecorded() {
        ProbeConfig clash = probe("clash", "https://clash.test/", Map.of("phase", "x"));

        var e = assertThrows(IllegalArgumentException.class, () -> metrics.record(clash, up(leaf("ab12"))));
        assertEquals("probe 'clash': label name 'phase' is reserved; Vigil sets it itself", e.getMessage());
        assertEquals("", scrape());
    }

    @Test
    void recordsFromManyThreadsWhileScrapingAllLand() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 200).forEach(i -> executor.submit(() -> {
                metrics.record(probe("p" + i, "https://p" + i + ".test/", Map.of()), up(leaf("ab12")));
                return i % 20 == 0 ? scrape() : null;
            }));
        }

        assertEquals(200, samples().lines().filter(line -> line.startsWith("probe_success{")).count());
    }

    private String scrape() {
        return registry.scrape();
    }

    /** The sample lines of a scrape, without HELP and TYPE, each ending in a newline. */
    private String samples() {
        return scrape().lines().filter(line -> !line.startsWith("#")).map(line -> line + "\n")
                .collect(Collectors.joining());
    }

    /** The sample lines of the named families only. */
    private String samples(String... families) {
        return samples().lines().filter(line -> Stream.of(families).anyMatch(f -> line.startsWith(f + "{")))
                .map(line -> line + "\n").collect(Collectors.joining());
    }

    private static ProbeConfig probe(String name, String url, Map<String, String> labels) {
        return new ProbeConfig(name, Duration.ofSeconds(30), labels, ProbeSpec.of(URI.create(url)));
    }

    private static ProbeResult up(CertificateFacts leaf) {
        CertificateFacts ca = new CertificateFacts("CN=Example CA,O=Example", "CN=Example Root", "01", List.of(),
                Instant.parse("2025-01-01T00:00:00Z"), CA_EXPIRY, "99", "EC", 384);
        var tls = new TlsFacts("TLS 1.3", "TLS_AES_128_GCM_SHA256", true, null, List.of(leaf, ca));
        var phases = new Phases(Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMillis(5));
        return new ProbeResult(STARTED, Duration.ofMillis(125), null,
                new HttpFacts(200, "2", 1, URI.create("https://shop.example/health/"), 1234), tls, phases);
    }

    private static CertificateFacts leaf(String sha256) {
        return new CertificateFacts("CN=shop.example", "CN=Example CA,O=Example", "0a1b",
                List.of("shop.example", "192.0.2.10", "*.shop.example", "2001:db8:0:0:0:0:0:1"),
                Instant.parse("2025-12-01T00:00:00Z"), LEAF_EXPIRY, sha256, "EC", 256);
    }
}
