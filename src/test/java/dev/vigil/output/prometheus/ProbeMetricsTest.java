package dev.vigil.output.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.CertStatus;
import dev.vigil.cert.LimitUsage;
import dev.vigil.cert.NameSetUsage;
import dev.vigil.cert.Observation;
import dev.vigil.fleet.AgentIdentity;
import dev.vigil.fleet.Shard;
import dev.vigil.net.IpLiterals;
import dev.vigil.probe.CertificateFacts;
import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpFacts;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.TlsSpec;
import dev.vigil.testing.FakeClock;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProbeMetricsTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00.250Z");
    private static final Instant LEAF_EXPIRY = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant LAST_MODIFIED = Instant.parse("2025-11-30T08:49:37Z");
    private static final Instant CA_EXPIRY = Instant.parse("2026-02-01T00:00:00Z");
    private static final LabelledProbe SHOP = probe("shop", "https://shop.example/health", Map.of("team", "web"));
    private static final String SHOP_LABELS = "probe=\"shop\",instance=\"https://shop.example/health\",team=\"web\"";
    private static final String NAME = "([a-zA-Z_:][a-zA-Z0-9_:]*)";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\n]|\\\\[\"\\\\n])*\"";
    private static final String NUMBER = "NaN|[+-]Inf|[+-]?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?";
    private static final Pattern VALUE = Pattern.compile(NUMBER);
    /** A sample line of the text format 0.0.4, with labels and without a timestamp. */
    private static final Pattern SAMPLE = Pattern.compile(
            NAME + "\\{" + LABEL + "(?:," + LABEL + ")*\\} (?:" + NUMBER + ")");
    private static final Pattern HELP = Pattern.compile("# HELP " + NAME + " (?:[^\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE " + NAME + " gauge");

    private final FakeClock clock = new FakeClock(STARTED.plusSeconds(30));
    private final ProbeMetrics metrics = new ProbeMetrics(clock);

    @Test
    void upHttpsProbeShowsEveryFamilyLikeBlackboxExporter() {
        metrics.record(SHOP, up(leaf("ab12")), CertStatus.UNKNOWN);

        assertEquals("""
                # HELP probe_success Displays whether or not the probe was a success
                # TYPE probe_success gauge
                probe_success{%1$s} 1.0
                # HELP probe_duration_seconds Returns how long the probe took to complete in seconds
                # TYPE probe_duration_seconds gauge
                probe_duration_seconds{%1$s} 0.125
                # HELP probe_dns_lookup_time_seconds Returns the time taken for probe dns lookup in seconds
                # TYPE probe_dns_lookup_time_seconds gauge
                probe_dns_lookup_time_seconds{%1$s} 0.002
                # HELP probe_ip_protocol Specifies whether probe ip protocol is IP4 or IP6
                # TYPE probe_ip_protocol gauge
                probe_ip_protocol{%1$s} 4.0
                # HELP probe_ip_addr_hash Specifies the hash of IP address. It's useful to detect if the IP address changes.
                # TYPE probe_ip_addr_hash gauge
                probe_ip_addr_hash{%1$s} 1.886098357E9
                # HELP probe_http_status_code Response HTTP status code
                # TYPE probe_http_status_code gauge
                probe_http_status_code{%1$s} 200.0
                # HELP probe_http_version Returns the version of HTTP of the probe response
                # TYPE probe_http_version gauge
                probe_http_version{%1$s} 2.0
                # HELP probe_http_redirects The number of redirects
                # TYPE probe_http_redirects gauge
                probe_http_redirects{%1$s} 1.0
                # HELP probe_http_content_length Length of http content response
                # TYPE probe_http_content_length gauge
                probe_http_content_length{%1$s} 1234.0
                # HELP probe_http_uncompressed_body_length Length of uncompressed response body
                # TYPE probe_http_uncompressed_body_length gauge
                probe_http_uncompressed_body_length{%1$s} 1234.0
                # HELP probe_http_ssl Indicates if SSL was used for the final redirect
                # TYPE probe_http_ssl gauge
                probe_http_ssl{%1$s} 1.0
                # HELP probe_http_duration_seconds Duration of http request by phase, summed over all redirects
                # TYPE probe_http_duration_seconds gauge
                probe_http_duration_seconds{%1$s,phase="resolve"} 0.002
                probe_http_duration_seconds{%1$s,phase="connect"} 0.003
                probe_http_duration_seconds{%1$s,phase="tls"} 0.01
                probe_http_duration_seconds{%1$s,phase="processing"} 0.04
                probe_http_duration_seconds{%1$s,phase="transfer"} 0.005
                # HELP probe_failed_due_to_regex Indicates if probe failed due to regex
                # TYPE probe_failed_due_to_regex gauge
                probe_failed_due_to_regex{%1$s} 0.0
                # HELP probe_http_last_modified_timestamp_seconds Returns the Last-Modified HTTP response header in unixtime
                # TYPE probe_http_last_modified_timestamp_seconds gauge
                probe_http_last_modified_timestamp_seconds{%1$s} 1.764492577E9
                # HELP probe_ssl_earliest_cert_expiry Returns last SSL chain expiry in unixtime
                # TYPE probe_ssl_earliest_cert_expiry gauge
                probe_ssl_earliest_cert_expiry{%1$s} 1.769904E9
                # HELP probe_ssl_last_chain_expiry_timestamp_seconds Returns last SSL chain expiry in timestamp
                # TYPE probe_ssl_last_chain_expiry_timestamp_seconds gauge
                probe_ssl_last_chain_expiry_timestamp_seconds{%1$s} 1.769904E9
                # HELP probe_ssl_last_chain_info Contains SSL leaf certificate information
                # TYPE probe_ssl_last_chain_info gauge
                probe_ssl_last_chain_info{%1$s,fingerprint_sha256="ab12",subject="CN=shop.example",\
                issuer="CN=Example CA,O=Example",subjectalternative="shop.example,*.shop.example",serialnumber="0a1b"} 1
                # HELP probe_tls_version_info Returns the TLS version used or NaN when unknown
                # TYPE probe_tls_version_info gauge
                probe_tls_version_info{%1$s,version="TLS 1.3"} 1
                # HELP probe_tls_cipher_info Returns the TLS cipher negotiated during handshake
                # TYPE probe_tls_cipher_info gauge
                probe_tls_cipher_info{%1$s,cipher="TLS_AES_128_GCM_SHA256"} 1
                # HELP vigil_probe_failure_kind The failure kind of the probe's last run, or none if it passed
                # TYPE vigil_probe_failure_kind gauge
                vigil_probe_failure_kind{%1$s,kind="none"} 1.0
                # HELP vigil_probe_last_run_timestamp_seconds When the probe's last run started, in unixtime
                # TYPE vigil_probe_last_run_timestamp_seconds gauge
                vigil_probe_last_run_timestamp_seconds{%1$s} 1.76722560025E9
                """.formatted(SHOP_LABELS), page());
    }

    @Test
    void tlsProbeHasTheCommonFamiliesAndNoHttpOnes() {
        LabelledProbe mail = new LabelledProbe("mail", new TlsSpec(URI.create("tls://mail.example:587"), "smtp",
                Duration.ofSeconds(5), TlsOptions.DEFAULT, List.of(), IpFamily.ANY, null), Map.of());
        ProbeResult handshake = up(leaf("ab12"));
        metrics.record(mail, new ProbeResult(handshake.startedAt(), handshake.duration(), null, null, handshake.tls(),
                new Phases(Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(10), null, null), null,
                List.of(), IpLiterals.parse("2001:db8::1")), CertStatus.UNKNOWN);

        String labels = "probe=\"mail\",instance=\"tls://mail.example:587\"";
        assertEquals("""
                probe_success{%1$s} 1.0
                probe_duration_seconds{%1$s} 0.125
                probe_dns_lookup_time_seconds{%1$s} 0.002
                probe_ip_protocol{%1$s} 6.0
                probe_ip_addr_hash{%1$s} 1.851458804E9
                probe_ssl_earliest_cert_expiry{%1$s} 1.769904E9
                probe_ssl_last_chain_expiry_timestamp_seconds{%1$s} 1.769904E9
                probe_ssl_last_chain_info{%1$s,fingerprint_sha256="ab12",subject="CN=shop.example",\
                issuer="CN=Example CA,O=Example",subjectalternative="shop.example,*.shop.example",serialnumber="0a1b"} 1
                probe_tls_version_info{%1$s,version="TLS 1.3"} 1
                probe_tls_cipher_info{%1$s,cipher="TLS_AES_128_GCM_SHA256"} 1
                vigil_probe_failure_kind{%1$s,kind="none"} 1.0
                vigil_probe_last_run_timestamp_seconds{%1$s} 1.76722560025E9
                """.formatted(labels), samples());
    }

    @Test
    void aPageWithBothKindsKeepsTheHttpProbesFamiliesInTheirOrder() {
        metrics.record(SHOP, up(leaf("ab12")), CertStatus.UNKNOWN);
        String httpOnly = page();
        metrics.record(new LabelledProbe("zz-mail", new TlsSpec(URI.create("tls://mail.example:443"), null,
                Duration.ofSeconds(5), TlsOptions.DEFAULT, List.of(), IpFamily.ANY, null), Map.of()),
                up(leaf("cd34")), CertStatus.UNKNOWN);

        String both = page();
        assertEquals(httpOnly, both.lines().filter(line -> !line.contains("zz-mail")).map(line -> line + "\n")
                .collect(Collectors.joining()));
        assertFalse(both.lines().anyMatch(line -> line.startsWith("probe_http_") && line.contains("zz-mail")), both);
    }

    @Test
    void downProbeWithoutResponseReportsZerosAndItsFailureKind() {
        metrics.record(probe("api", "http://api.test/", Map.of()), new ProbeResult(STARTED, Duration.ofSeconds(10),
                new Failure(FailureKind.TIMEOUT, "no answer"), null, null,
                new Phases(Duration.ofMillis(1), null, null, null, null), null, List.of()), CertStatus.UNKNOWN);

        assertEquals("""
                probe_success{probe="api",instance="http://api.test/"} 0.0
                probe_duration_seconds{probe="api",instance="http://api.test/"} 10.0
                probe_dns_lookup_time_seconds{probe="api",instance="http://api.test/"} 0.001
                probe_ip_protocol{probe="api",instance="http://api.test/"} 0.0
                probe_ip_addr_hash{probe="api",instance="http://api.test/"} 0.0
                probe_http_status_code{probe="api",instance="http://api.test/"} 0.0
                probe_http_version{probe="api",instance="http://api.test/"} 0.0
                probe_http_redirects{probe="api",instance="http://api.test/"} 0.0
                probe_http_content_length{probe="api",instance="http://api.test/"} 0.0
                probe_http_uncompressed_body_length{probe="api",instance="http://api.test/"} 0.0
                probe_http_ssl{probe="api",instance="http://api.test/"} 0.0
                probe_http_duration_seconds{probe="api",instance="http://api.test/",phase="resolve"} 0.001
                probe_http_duration_seconds{probe="api",instance="http://api.test/",phase="connect"} 0.0
                probe_http_duration_seconds{probe="api",instance="http://api.test/",phase="tls"} 0.0
                probe_http_duration_seconds{probe="api",instance="http://api.test/",phase="processing"} 0.0
                probe_http_duration_seconds{probe="api",instance="http://api.test/",phase="transfer"} 0.0
                probe_failed_due_to_regex{probe="api",instance="http://api.test/"} 0.0
                vigil_probe_failure_kind{probe="api",instance="http://api.test/",kind="timeout"} 1.0
                vigil_probe_last_run_timestamp_seconds{probe="api",instance="http://api.test/"} 1.76722560025E9
                """, samples());
    }

    @Test
    void aResponseWithoutContentLengthOrLastModifiedOverIpv6IsReportedAsBlackboxExporterDoes() {
        metrics.record(probe("v6", "http://v6.test/", Map.of()), new ProbeResult(STARTED, Duration.ofMillis(8), null,
                new HttpFacts(200, "1.1", 0, URI.create("http://v6.test/"), 5, -1, null), null, Phases.NONE, null,
                List.of(), IpLiterals.parse("2001:db8::1")), CertStatus.UNKNOWN);

        assertEquals("""
                probe_ip_protocol{probe="v6",instance="http://v6.test/"} 6.0
                probe_ip_addr_hash{probe="v6",instance="http://v6.test/"} 1.851458804E9
                probe_http_content_length{probe="v6",instance="http://v6.test/"} -1.0
                probe_http_uncompressed_body_length{probe="v6",instance="http://v6.test/"} 5.0
                """, samples("probe_ip_protocol", "probe_ip_addr_hash", "probe_http_content_length",
                "probe_http_uncompressed_body_length", "probe_http_last_modified_timestamp_seconds"));
    }

    @Test
    void expiredCertificateKeepsItsCertificateSeriesButNoVerifiedChainExpiry() {
        var tls = new TlsFacts("TLS 1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", false, "certificate expired",
                List.of(leaf("cd34")));
        metrics.record(probe("old", "https://old.test/", Map.of()), new ProbeResult(STARTED, Duration.ofMillis(20),
                new Failure(FailureKind.CERT_EXPIRED, "expired"), null, tls, Phases.NONE, null, List.of()), CertStatus.UNKNOWN);

        assertEquals("""
                probe_success{probe="old",instance="https://old.test/"} 0.0
                probe_duration_seconds{probe="old",instance="https://old.test/"} 0.02
                probe_ip_protocol{probe="old",instance="https://old.test/"} 0.0
                probe_ip_addr_hash{probe="old",instance="https://old.test/"} 0.0
                probe_http_status_code{probe="old",instance="https://old.test/"} 0.0
                probe_http_version{probe="old",instance="https://old.test/"} 0.0
                probe_http_redirects{probe="old",instance="https://old.test/"} 0.0
                probe_http_content_length{probe="old",instance="https://old.test/"} 0.0
                probe_http_uncompressed_body_length{probe="old",instance="https://old.test/"} 0.0
                probe_http_ssl{probe="old",instance="https://old.test/"} 0.0
                probe_http_duration_seconds{probe="old",instance="https://old.test/",phase="resolve"} 0.0
                probe_http_duration_seconds{probe="old",instance="https://old.test/",phase="connect"} 0.0
                probe_http_duration_seconds{probe="old",instance="https://old.test/",phase="tls"} 0.0
                probe_http_duration_seconds{probe="old",instance="https://old.test/",phase="processing"} 0.0
                probe_http_duration_seconds{probe="old",instance="https://old.test/",phase="transfer"} 0.0
                probe_failed_due_to_regex{probe="old",instance="https://old.test/"} 0.0
                probe_ssl_earliest_cert_expiry{probe="old",instance="https://old.test/"} 1.7723232E9
                probe_ssl_last_chain_info{probe="old",instance="https://old.test/",fingerprint_sha256="cd34",\
                subject="CN=shop.example",issuer="CN=Example CA,O=Example",\
                subjectalternative="shop.example,*.shop.example",serialnumber="0a1b"} 1
                probe_tls_version_info{probe="old",instance="https://old.test/",version="TLS 1.2"} 1
                probe_tls_cipher_info{probe="old",instance="https://old.test/",\
                cipher="TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"} 1
                vigil_probe_failure_kind{probe="old",instance="https://old.test/",kind="cert_expired"} 1.0
                vigil_probe_last_run_timestamp_seconds{probe="old",instance="https://old.test/"} 1.76722560025E9
                """, samples());
    }

    @Test
    void aFailedHandshakeKeepsTheLastCertificateSeenWithItsAgeAndLimitUsage() {
        metrics.record(probe("shop", "https://shop.example/", Map.of()), new ProbeResult(STARTED, Duration.ofSeconds(5),
                new Failure(FailureKind.CONNECT_REFUSED, "refused"), null, null, Phases.NONE, null, List.of()), knownCertificate());

        assertEquals("""
                probe_ssl_earliest_cert_expiry{probe="shop",instance="https://shop.example/"} 1.7723232E9
                probe_ssl_last_chain_expiry_timestamp_seconds{probe="shop",instance="https://shop.example/"} 1.7723232E9
                probe_ssl_last_chain_info{probe="shop",instance="https://shop.example/",fingerprint_sha256="ab12",\
                subject="CN=shop.example",issuer="CN=Example CA,O=Example",\
                subjectalternative="*.shop.example,shop.example",serialnumber="0a1b"} 1
                vigil_cert_first_seen_timestamp_seconds{probe="shop",instance="https://shop.example/"} 1.76705280025E9
                vigil_cert_not_before_timestamp_seconds{probe="shop",instance="https://shop.example/"} 1.7645472E9
                vigil_cert_not_after_timestamp_seconds{probe="shop",instance="https://shop.example/"} 1.7723232E9
                vigil_cert_observation_age_seconds{probe="shop",instance="https://shop.example/"} 120.0
                vigil_cert_duplicate_set_issued_168h{probe="shop",instance="https://shop.example/"} 4.0
                vigil_cert_duplicate_set_tokens_left{probe="shop",instance="https://shop.example/"} 1.0
                vigil_cert_duplicate_set_next_token_timestamp_seconds{probe="shop",instance="https://shop.example/"} \
                1.76733360025E9
                vigil_cert_registered_domain_issued_168h{probe="shop",instance="https://shop.example/",\
                domain="shop.example"} 4.0
                vigil_cert_registered_domain_tokens_left{probe="shop",instance="https://shop.example/",\
                domain="shop.example"} 46.0
                vigil_cert_name_set_issued_168h{probe="shop",instance="https://shop.example/",\
                names="*.shop.example,shop.example"} 4.0
                vigil_cert_name_set_tokens_left{probe="shop",instance="https://shop.example/",\
                names="*.shop.example,shop.example"} 1.0
                vigil_cert_name_set_next_token_timestamp_seconds{probe="shop",instance="https://shop.example/",\
                names="*.shop.example,shop.example"} 1.76733360025E9
                """, samples().lines().filter(line -> line.startsWith("probe_ssl") || line.startsWith("vigil_cert"))
                .map(line -> line + "\n").collect(Collectors.joining()));
    }

    @Test
    void anIngressDefaultCertificatesNamesClaimNoTokensLeftOfALimitNoCaApplies() {
        Observation fallback = new Observation("4a57", "CN=TRAEFIK DEFAULT CERT", "CN=TRAEFIK DEFAULT CERT",
                List.of("6f3b.traefik.default"), LEAF_EXPIRY.minus(Duration.ofDays(365)), LEAF_EXPIRY, "cd34",
                List.of(), false, STARTED.minusSeconds(600), STARTED.minusSeconds(60));
        NameSetUsage selfSigned = new NameSetUsage(fallback.sans(), true, fallback.lastSeen(),
                new LimitUsage(0, 5, null, LimitUsage.Level.OK), List.of(), "self-signed");
        NameSetUsage before = new NameSetUsage(List.of("shop.example"), false, STARTED.minusSeconds(700),
                new LimitUsage(5, 0, STARTED.plus(Duration.ofHours(30)), LimitUsage.Level.CRITICAL));
        metrics.record(probe("shop", "https://shop.example/", Map.of()), new ProbeResult(STARTED, Duration.ofSeconds(1),
                new Failure(FailureKind.CERT_UNTRUSTED, "self-signed"), null, null, Phases.NONE, null, List.of()),
                new CertStatus(fallback, List.of(selfSigned, before), "shop.example",
                        new LimitUsage(5, 45, null, LimitUsage.Level.OK), null));

        List<String> limits = samples().lines().filter(line -> line.contains("tokens_left")).toList();

        assertEquals(List.of("vigil_cert_registered_domain_tokens_left{probe=\"shop\",instance=\"https://shop.example/\","
                + "domain=\"shop.example\"} 45.0", "vigil_cert_name_set_tokens_left{probe=\"shop\",instance="
                + "\"https://shop.example/\",names=\"shop.example\"} 0.0"), limits);
        assertTrue(samples().contains("vigil_cert_duplicate_set_issued_168h{probe=\"shop\",instance="
                + "\"https://shop.example/\"} 0.0"), "nothing counted was issued: a true zero");
    }

    @Test
    void dnsChecksShowTheMismatchEachResolversTtlAndAnswerAndTheLoadBalancerDirectly() {
        metrics.record(probe("api", "https://api.test/", Map.of()), new ProbeResult(STARTED, Duration.ofSeconds(1),
                new Failure(FailureKind.DNS_LB_MISMATCH, "stale"), null, null, Phases.NONE, staleDns(), List.of()),
                CertStatus.UNKNOWN);

        assertEquals("""
                vigil_dns_lb_mismatch{probe="api",instance="https://api.test/"} 1.0
                vigil_dns_split_brain{probe="api",instance="https://api.test/"} 0.0
                vigil_dns_record_ttl_seconds{probe="api",instance="https://api.test/",resolver="10.0.0.2:53"} 2823.0
                vigil_dns_record_ttl_seconds{probe="api",instance="https://api.test/",\
                resolver="ns1.test (192.0.2.53:53)"} 3600.0
                vigil_dns_answer_matches_expected{probe="api",instance="https://api.test/",resolver="10.0.0.2:53"} 0.0
                vigil_dns_answer_matches_expected{probe="api",instance="https://api.test/",\
                resolver="ns1.test (192.0.2.53:53)"} 0.0
                vigil_dns_answer_matches_expected{probe="api",instance="https://api.test/",resolver="10.0.0.3:53"} 0.0
                vigil_lb_direct_success{probe="api",instance="https://api.test/",address="203.0.113.7"} 1.0
                """, samples().lines().filter(line -> line.startsWith("vigil_dns") || line.startsWith("vigil_lb"))
                .map(line -> line + "\n").collect(Collectors.joining()));
    }

    @Test
    void bodyMismatchIsAFailureDueToRegex() {
        metrics.record(probe("re", "http://re.test/", Map.of()), new ProbeResult(STARTED, Duration.ofMillis(8),
                new Failure(FailureKind.BODY_MISMATCH, "body did not match"),
                new HttpFacts(200, "1.1", 0, URI.create("http://re.test/"), 5), null, Phases.NONE, null, List.of()), CertStatus.UNKNOWN);

        assertEquals("""
                probe_success{probe="re",instance="http://re.test/"} 0.0
                probe_http_status_code{probe="re",instance="http://re.test/"} 200.0
                probe_http_version{probe="re",instance="http://re.test/"} 1.1
                probe_failed_due_to_regex{probe="re",instance="http://re.test/"} 1.0
                vigil_probe_failure_kind{probe="re",instance="http://re.test/",kind="body_mismatch"} 1.0
                """, samples("probe_failed_due_to_regex", "probe_http_status_code", "probe_http_version",
                "probe_success", "vigil_probe_failure_kind"));
    }

    @Test
    void removeTakesEverySeriesOfTheProbeAway() {
        metrics.record(SHOP, up(leaf("ab12")), CertStatus.UNKNOWN);
        metrics.record(probe("other", "https://other.test/", Map.of()), up(leaf("ef56")), CertStatus.UNKNOWN);
        String both = samples();

        metrics.remove("shop");

        assertEquals(25, both.lines().filter(line -> line.contains("probe=\"shop\"")).count(), both);
        assertEquals(both.lines().filter(line -> !line.contains("probe=\"shop\"")).toList(), samples().lines().toList());
        metrics.remove("other");
        assertEquals("", page());
    }

    @Test
    void recordingAgainReplacesTheProbesSeries() {
        metrics.record(SHOP, up(leaf("ab12")), CertStatus.UNKNOWN);
        String before = samples();
        metrics.record(SHOP, up(leaf("ef56")), CertStatus.UNKNOWN);

        assertEquals(before.replace("fingerprint_sha256=\"ab12\"", "fingerprint_sha256=\"ef56\""), samples());
        assertTrue(before.contains("fingerprint_sha256=\"ab12\""), before);
    }

    @Test
    void labelValuesAreEscaped() {
        metrics.record(probe("odd", "https://odd.test/", Map.of("note", "say \"hi\" \\ or\nnot")), up(leaf("ab12")), CertStatus.UNKNOWN);

        String expected = "probe_success{probe=\"odd\",instance=\"https://odd.test/\","
                + "note=\"say \\\"hi\\\" \\\\ or\\nnot\"} 1.0";
        assertTrue(samples().lines().anyMatch(expected::equals), this::page);
    }

    @Test
    void everyLineOfAPageIsWellFormedAndEveryFamilyAppearsOnce() {
        metrics.record(SHOP, up(leaf("ab12")), CertStatus.UNKNOWN);
        metrics.record(probe("odd", "https://odd.test/", Map.of("note", "say \"hi\" \\ or\nnot", "empty", "")),
                up(leaf("cd\"34\\")), knownCertificate());
        metrics.record(probe("api", "http://api.test/", Map.of()), new ProbeResult(STARTED, Duration.ofSeconds(10),
                new Failure(FailureKind.TIMEOUT, "no answer"), null, null, Phases.NONE, staleDns(), List.of()),
                CertStatus.UNKNOWN);
        Set<String> families = new HashSet<>();
        String family = null;

        for (String line : page().lines().toList()) {
            Matcher help = HELP.matcher(line);
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (help.matches()) {
                family = help.group(1);
                assertTrue(families.add(family), "family written twice: " + line);
            } else if (type.matches()) {
                assertEquals(family, type.group(1), line);
            } else {
                assertTrue(sample.matches(), "not a sample line: " + line);
                assertEquals(family, sample.group(1), line);
            }
        }
        assertEquals(Families.PAGE.size(), families.size());
    }

    /**
     * docs/metrics.md compares every {@code probe_*} family with blackbox_exporter's, one row each, saying which probes
     * have it; Vigil's own families each have a row in one of its tables. A page with every family on it must agree.
     */
    @Test
    void theDocsHaveARowForEveryFamilyWrittenAndWriteEveryFamilyTheySayIsWritten() throws IOException {
        metrics.record(SHOP, up(leaf("ab12")), knownCertificate());
        metrics.record(probe("api", "http://api.test/", Map.of()), new ProbeResult(STARTED, Duration.ofSeconds(10),
                new Failure(FailureKind.TIMEOUT, "no answer"), null, null, Phases.NONE, staleDns(), List.of()),
                CertStatus.UNKNOWN);
        ProbeResult handshake = up(leaf("cd34"));
        metrics.record(new LabelledProbe("mail", new TlsSpec(URI.create("tls://mail.example:587"), "smtp",
                Duration.ofSeconds(5), TlsOptions.DEFAULT, List.of(), IpFamily.ANY, null), Map.of()),
                new ProbeResult(STARTED, handshake.duration(), null, null, handshake.tls(), handshake.phases(), null,
                        List.of()), CertStatus.UNKNOWN);
        Map<String, String> types = new TreeMap<>();
        Map<String, String> probes = new TreeMap<>();
        for (String line : page().lines().toList()) {
            Matcher type = TYPE.matcher(line);
            Matcher sample = SAMPLE.matcher(line);
            if (type.matches()) {
                types.put(type.group(1), "gauge");
                probes.put(type.group(1), "HTTP");
            } else if (sample.matches() && line.contains("probe=\"mail\"")) {
                probes.put(sample.group(1), "every kind");
            }
        }
        String doc = Files.readString(Path.of("docs/metrics.md"));
        int start = doc.indexOf("\n## Compared with blackbox_exporter\n");
        String comparison = doc.substring(start, doc.indexOf("\n#", start + 1));
        Map<String, String> documented = new TreeMap<>();
        Map<String, String> documentedTypes = new TreeMap<>();
        Set<String> notWritten = new TreeSet<>();
        for (String row : comparison.lines().filter(line -> line.startsWith("| `")).toList()) {
            String[] cells = row.split("\\|");
            String name = cells[1].strip().replaceAll("`|\\{.*", "");
            if (cells[3].strip().equals("not written")) {
                notWritten.add(name);
            } else {
                documented.put(name, cells[3].strip());
                documentedTypes.put(name, cells[2].strip());
            }
        }
        Map<String, String> written = new TreeMap<>(probes);
        written.keySet().removeIf(name -> !name.startsWith("probe_"));

        assertEquals(written, documented);
        assertEquals(types.entrySet().stream().filter(e -> written.containsKey(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), documentedTypes);
        assertEquals(Set.of(), notWritten.stream().filter(types::containsKey).collect(Collectors.toSet()));
        assertEquals(Families.PAGE.size(), types.size(), "a family missing from the page rendered here");
        Set<String> named = new TreeSet<>();
        Matcher name = Pattern.compile("`([a-z0-9_]+)[`{]").matcher(doc.lines().filter(line -> line.startsWith("| `"))
                .map(line -> line.split("\\|")[1]).collect(Collectors.joining("\n")));
        while (name.find()) {
            named.add(name.group(1));
        }
        assertEquals(Set.of(), types.keySet().stream().filter(family -> !named.contains(family))
                .collect(Collectors.toCollection(TreeSet::new)), "families without a row in docs/metrics.md");
    }

    @Test
    void numbersAreWrittenAsPrometheusReadsThem() {
        List<String> written = Stream.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.0, 1.5e-4,
                1.7723232e9).map(TextFormat::number).toList();

        assertEquals(List.of("NaN", "+Inf", "-Inf", "1.0", "1.5E-4", "1.7723232E9"), written);
        written.forEach(value -> assertTrue(VALUE.matcher(value).matches(), value));
    }

    @Test
    void aProbeLabelNamedLikeOneOfVigilsIsRefusedWhenRecorded() {
        LabelledProbe clash = probe("clash", "https://clash.test/", Map.of("phase", "x"));

        var e = assertThrows(IllegalArgumentException.class, () -> metrics.record(clash, up(leaf("ab12")), CertStatus.UNKNOWN));
        assertEquals("probe 'clash': label name 'phase' is reserved; Vigil sets it itself", e.getMessage());
        assertEquals("", page());
    }

    @Test
    void recordsFromManyThreadsWhileWritingAllLand() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 200).forEach(i -> executor.submit(() -> {
                metrics.record(probe("p" + i, "https://p" + i + ".test/", Map.of()), up(leaf("ab12")), CertStatus.UNKNOWN);
                return i % 20 == 0 ? page() : null;
            }));
        }

        assertEquals(200, samples().lines().filter(line -> line.startsWith("probe_success{")).count());
    }

    @Test
    void withALocationEverySampleCarriesItAfterTheProbesOwnLabels() {
        metrics.record(SHOP, up(leaf("ab12")), knownCertificate());
        String unlocated = samples();
        ProbeMetrics located = new ProbeMetrics(clock, new AgentIdentity("a", "eu-west", "region", Shard.WHOLE, 1));

        located.record(SHOP, up(leaf("ab12")), knownCertificate());

        String samples = samples(page(located));
        assertEquals(unlocated.replace(SHOP_LABELS, SHOP_LABELS + ",region=\"eu-west\""), samples);
        assertTrue(samples.lines().allMatch(line -> line.split("region=\"eu-west\"", -1).length == 2), samples);
        assertTrue(samples.lines().count() > 20, samples);
    }

    @Test
    void aDiscoveredProbesLabelOfTheLocationsNameGivesWayToTheLocation() {
        ProbeMetrics located = new ProbeMetrics(clock, new AgentIdentity("a", "eu-west", "location", Shard.WHOLE, 1));

        located.record(probe("found", "https://found.test/", Map.of("location", "annotated", "team", "web")),
                up(leaf("ab12")), CertStatus.UNKNOWN);

        assertTrue(samples(page(located)).lines().anyMatch(("probe_success{probe=\"found\",instance=\"https://found.test/\","
                + "team=\"web\",location=\"eu-west\"} 1.0")::equals), page(located));
    }

    @Test
    void anAgentWithoutALocationWritesTheSamePageAsBefore() {
        ProbeMetrics single = new ProbeMetrics(clock, AgentIdentity.single("a"));
        metrics.record(SHOP, up(leaf("ab12")), knownCertificate());

        single.record(SHOP, up(leaf("ab12")), knownCertificate());

        assertEquals(page(), page(single));
    }

    private String page() {
        return page(metrics);
    }

    private static String samples(String page) {
        return page.lines().filter(line -> !line.startsWith("#")).map(line -> line + "\n").collect(Collectors.joining());
    }

    private static String page(ProbeMetrics metrics) {
        StringWriter out = new StringWriter();
        try {
            metrics.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The sample lines of a page, without HELP and TYPE, each ending in a newline. */
    private String samples() {
        return samples(page());
    }

    /** The sample lines of the named families only. */
    private String samples(String... families) {
        return samples().lines().filter(line -> Stream.of(families).anyMatch(f -> line.startsWith(f + "{")))
                .map(line -> line + "\n").collect(Collectors.joining());
    }

    private static LabelledProbe probe(String name, String url, Map<String, String> labels) {
        return new LabelledProbe(name, HttpSpec.of(URI.create(url)), labels);
    }

    /** A resolver and an authoritative server still answering the old address; the load balancer answers. */
    private static DnsFacts staleDns() {
        return new DnsFacts("api.test", List.of(
                new ResolverAnswer("10.0.0.2:53", false, List.of("198.51.100.4"), List.of(), 2823, Duration.ofMillis(3), null),
                new ResolverAnswer("ns1.test (192.0.2.53:53)", true, List.of("198.51.100.4"), List.of(), 3600,
                        Duration.ofMillis(4), null),
                new ResolverAnswer("10.0.0.3:53", false, List.of(), List.of(), 0, Duration.ofSeconds(2), "no answer")),
                List.of("203.0.113.7"), "expect.addresses", null,
                List.of(new AddressCheck("203.0.113.7", null, "ab12")),
                List.of(new AddressCheck("198.51.100.4", new Failure(FailureKind.CONNECT_REFUSED, "refused"), null)),
                3600L, true, false);
    }

    /** A certificate seen two days ago and last 90 s before the run, with one certificate left of its names' limit. */
    private static CertStatus knownCertificate() {
        Observation known = new Observation("0a1b", "CN=Example CA,O=Example", "CN=shop.example",
                List.of("shop.example", "*.shop.example"), LEAF_EXPIRY.minus(Duration.ofDays(90)), LEAF_EXPIRY, "ab12",
                List.of("CN=Example CA,O=Example"), true, STARTED.minus(Duration.ofDays(2)), STARTED.minusSeconds(90));
        return new CertStatus(known, List.of(new NameSetUsage(known.sans(), true, known.lastSeen(),
                new LimitUsage(4, 1, STARTED.plus(Duration.ofHours(30)), LimitUsage.Level.WARNING))),
                "shop.example", new LimitUsage(4, 46, null, LimitUsage.Level.OK), null);
    }

    private static ProbeResult up(CertificateFacts leaf) {
        CertificateFacts ca = new CertificateFacts("CN=Example CA,O=Example", "CN=Example Root", "01", List.of(),
                Instant.parse("2025-01-01T00:00:00Z"), CA_EXPIRY, "99", "EC", 384);
        var tls = new TlsFacts("TLS 1.3", "TLS_AES_128_GCM_SHA256", true, null, List.of(leaf, ca));
        var phases = new Phases(Duration.ofMillis(2), Duration.ofMillis(3), Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofMillis(5));
        return new ProbeResult(STARTED, Duration.ofMillis(125), null,
                new HttpFacts(200, "2", 1, URI.create("https://shop.example/health/"), 1234, 1234, LAST_MODIFIED), tls,
                phases, null, List.of(), IpLiterals.parse("192.0.2.10"));
    }

    private static CertificateFacts leaf(String sha256) {
        return new CertificateFacts("CN=shop.example", "CN=Example CA,O=Example", "0a1b",
                List.of("shop.example", "192.0.2.10", "*.shop.example", "2001:db8:0:0:0:0:0:1"),
                Instant.parse("2025-12-01T00:00:00Z"), LEAF_EXPIRY, sha256, "EC", 256);
    }
}
