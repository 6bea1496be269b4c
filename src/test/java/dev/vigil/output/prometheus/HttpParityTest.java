package dev.vigil.output.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.CertStatus;
import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.FakeClock;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * blackbox_exporter's HTTP families from real runs against local servers, on the default ({@code java.net.http}) path
 * and the pinned one: every phase on every path, zeros on failure, the header's Content-Length, the address's
 * protocol and hash, the body length and Last-Modified.
 */
class HttpParityTest {
    private static final TestPki PKI = TestPki.create();
    private static final HttpProbe PROBE = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
    private static final String[] PHASES = {"resolve", "connect", "tls", "processing", "transfer"};
    /** FNV-1a of 127.0.0.1's four bytes, as blackbox_exporter's ipHash computes it. */
    private static final String LOOPBACK_HASH = "3.668918509E9";

    private final ProbeMetrics metrics = new ProbeMetrics(new FakeClock(Instant.parse("2026-01-01T00:00:00Z")));

    @TempDir
    Path dir;

    @AfterAll
    static void closeProbe() {
        PROBE.close();
    }

    @Test
    void httpsOnTheDefaultPathMeasuresEveryPhaseAndReportsTheResponseAsBlackboxExporterDoes() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf)
                .responder(Responders.fixed(200, Map.of("Last-Modified", "Sun, 06 Nov 1994 08:49:37 GMT"), "hello"))
                .start()) {
            URI url = URI.create("https://localhost:" + server.port() + "/");
            ProbeResult result = PROBE.run(spec(url));

            assertNull(result.failure());
            assertMeasured(result, "resolve", "connect", "tls", "processing", "transfer");
            String labels = "probe=\"p\",instance=\"" + url + "\"";
            assertEquals("""
                    probe_ip_protocol{%1$s} 4.0
                    probe_ip_addr_hash{%1$s} %2$s
                    probe_http_content_length{%1$s} 5.0
                    probe_http_uncompressed_body_length{%1$s} 5.0
                    probe_http_ssl{%1$s} 1.0
                    probe_http_last_modified_timestamp_seconds{%1$s} 7.84111777E8
                    """.formatted(labels, LOOPBACK_HASH), lines(url, result, "probe_ip_protocol", "probe_ip_addr_hash",
                    "probe_http_content_length", "probe_http_uncompressed_body_length", "probe_http_ssl",
                    "probe_http_last_modified_timestamp_seconds"));
            assertEquals(List.of(PHASES), phasesOnPage(url, result));
        }
    }

    @Test
    void httpsPinnedToAnAddressMeasuresEveryPhaseToo() throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("hello")).start()) {
            HttpSpec spec = spec(URI.create("https://localhost:" + server.port() + "/"));
            spec = new HttpSpec(spec.url(), spec.method(), spec.headers(), spec.timeout(), spec.expect(), spec.tls(),
                    spec.maxBodyBytes(), List.of(new AddressOverride("localhost", server.port(),
                            InetAddress.getByName("127.0.0.1"))), spec.ipFamily(), spec.httpVersion(), null);

            ProbeResult result = PROBE.run(spec);

            assertNull(result.failure());
            assertMeasured(result, "connect", "tls", "processing", "transfer");
            assertEquals(InetAddress.getByName("127.0.0.1"), result.address());
        }
    }

    @Test
    void plainHttpWithoutContentLengthReportsMinusOneTheBytesReadTheConnectAndNoTlsTime() throws Exception {
        try (TlsTestServer server = TlsTestServer.plain().responder(Responders.raw(
                "HTTP/1.1 200 OK\r\nLast-Modified: yesterday\r\nConnection: close\r\n\r\nhello")).start()) {
            URI url = URI.create("http://localhost:" + server.port() + "/");
            ProbeResult result = PROBE.run(spec(url));

            assertNull(result.failure());
            String labels = "probe=\"p\",instance=\"" + url + "\"";
            assertEquals("""
                    probe_ip_protocol{%1$s} 4.0
                    probe_ip_addr_hash{%1$s} %2$s
                    probe_http_content_length{%1$s} -1.0
                    probe_http_uncompressed_body_length{%1$s} 5.0
                    probe_http_ssl{%1$s} 0.0
                    probe_http_duration_seconds{%1$s,phase="tls"} 0.0
                    """.formatted(labels, LOOPBACK_HASH), lines(url, result, "probe_ip_protocol", "probe_ip_addr_hash",
                    "probe_http_content_length", "probe_http_uncompressed_body_length", "probe_http_ssl",
                    "probe_http_last_modified_timestamp_seconds", "probe_http_duration_seconds{" + labels
                            + ",phase=\"tls\""));
            assertMeasured(result, "resolve", "connect", "processing", "transfer");
        }
    }

    @Test
    void aRefusedConnectionOnTheDefaultPathStillHasEveryPhaseWithZerosWhereNotReached() throws IOException {
        try (ClosedPort closed = ClosedPort.tcp()) {
            URI url = URI.create("https://localhost:" + closed.port() + "/");

            ProbeResult result = PROBE.run(spec(url));

            assertEquals("GET " + url + ": connection to 127.0.0.1:" + closed.port()
                    + " refused (nothing listens on that port)", result.failure().message());
            assertMeasured(result, "resolve");
            String labels = "probe=\"p\",instance=\"" + url + "\"";
            // As blackbox_exporter: the address is known once resolved, even though nothing listens there.
            assertEquals("""
                    probe_ip_protocol{%1$s} 4.0
                    probe_ip_addr_hash{%1$s} %2$s
                    probe_http_content_length{%1$s} 0.0
                    probe_http_uncompressed_body_length{%1$s} 0.0
                    probe_http_duration_seconds{%1$s,phase="connect"} 0.0
                    probe_http_duration_seconds{%1$s,phase="tls"} 0.0
                    probe_http_duration_seconds{%1$s,phase="processing"} 0.0
                    probe_http_duration_seconds{%1$s,phase="transfer"} 0.0
                    """.formatted(labels, LOOPBACK_HASH), lines(url, result, "probe_ip_protocol", "probe_ip_addr_hash",
                    "probe_http_content_length", "probe_http_uncompressed_body_length",
                    "probe_http_duration_seconds{" + labels + ",phase=\"connect\"",
                    "probe_http_duration_seconds{" + labels + ",phase=\"tls\"",
                    "probe_http_duration_seconds{" + labels + ",phase=\"processing\"",
                    "probe_http_duration_seconds{" + labels + ",phase=\"transfer\""));
            assertEquals(List.of(PHASES), phasesOnPage(url, result));
        }
    }

    private HttpSpec spec(URI url) throws IOException {
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        return new HttpSpec(url, "GET", List.of(), Duration.ofSeconds(5), HttpExpectations.DEFAULT,
                new TlsOptions(ca, false, TlsOptions.DEFAULT_WARN_DAYS, TlsOptions.DEFAULT_CRIT_DAYS),
                HttpSpec.DEFAULT_MAX_BODY_BYTES, List.of(), IpFamily.ANY, HttpVersion.HTTP_1_1, null);
    }

    /** Each named phase was timed on this run: present and more than no time at all. */
    private static void assertMeasured(ProbeResult result, String... phases) {
        for (String phase : phases) {
            Duration time = switch (phase) {
                case "resolve" -> result.phases().resolve();
                case "connect" -> result.phases().connect();
                case "tls" -> result.phases().tls();
                case "processing" -> result.phases().processing();
                default -> result.phases().transfer();
            };
            assertNotNull(time, phase + " of " + result.phases());
            assertTrue(time.isPositive(), phase + " of " + result.phases());
        }
    }

    /** The sample lines, in page order, that start with one of {@code prefixes} (a family's name or more). */
    private String lines(URI url, ProbeResult result, String... prefixes) throws IOException {
        return page(url, result).lines().filter(line -> !line.startsWith("#"))
                .filter(line -> List.of(prefixes).stream().anyMatch(p -> line.startsWith(p.contains("{") ? p : p + "{")))
                .map(line -> line + "\n").collect(Collectors.joining());
    }

    private List<String> phasesOnPage(URI url, ProbeResult result) throws IOException {
        return page(url, result).lines().filter(line -> line.startsWith("probe_http_duration_seconds{"))
                .map(line -> line.replaceAll(".*phase=\"([a-z]+)\".*", "$1")).toList();
    }

    private String page(URI url, ProbeResult result) throws IOException {
        metrics.record(new LabelledProbe("p", HttpSpec.of(url), Map.of()), result, CertStatus.UNKNOWN);
        StringWriter out = new StringWriter();
        metrics.writeTo(out);
        return out.toString();
    }
}
