package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.cert.CertSettings;
import dev.vigil.cert.CtSettings;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.Regex;
import dev.vigil.probe.StatusRange;
import dev.vigil.probe.TlsOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped example must load on any machine, with an empty environment, and mean exactly what it says. */
class ExampleConfigTest {
    private static final Path EXAMPLE = Path.of("probes.example.json");
    private static final Header USER_AGENT = new Header("User-Agent", "vigil-probe/0.1", false);
    private static List<ProbeConfig> probes;

    @BeforeAll
    static void load() throws ConfigException {
        VigilConfig config = new ConfigLoader(name -> null).load(EXAMPLE);
        assertEquals(EXAMPLE, config.source());
        probes = config.probes();
        assertEquals(List.of("payments-api", "status-page", "www-https-redirect", "staging-login"),
                probes.stream().map(ProbeConfig::name).toList());
    }

    @Test
    void paymentsApiOverridesMostDefaults() {
        ProbeConfig probe = probes.get(0);
        HttpSpec spec = (HttpSpec) probe.spec();
        assertEquals(Duration.ofSeconds(30), probe.interval());
        assertEquals(Map.of("env", "production", "team", "payments"), probe.labels());
        assertEquals(URI.create("https://api.example.com/healthz"), spec.url());
        assertEquals("GET", spec.method());
        assertEquals(List.of(USER_AGENT, new Header("Accept", "application/json", false)), spec.headers());
        assertEquals(Duration.ofSeconds(5), spec.timeout());
        assertEquals(new HttpExpectations(List.of(new StatusRange(200, 200), new StatusRange(300, 302)),
                List.of(Regex.of("\"status\":\\s*\"ok\"")), List.of(Regex.of("degraded")), true, false), spec.expect());
        assertEquals(new TlsOptions(null, false, 21, 7), spec.tls());
        assertEquals(64 * 1024, spec.maxBodyBytes());
        assertEquals(IpFamily.IPV4, spec.ipFamily());
        assertEquals(List.of(), spec.resolve());
        assertNull(probe.spec().dns(), "no DNS checks: their direct probe would leave loopback when CI runs the example");
        CertSettings cert = probe.cert();
        assertEquals(List.of(21, 7, 1), cert.expiryWarningDays());
        assertEquals(new CtSettings(true, CtSettings.DEFAULT.url(), CtSettings.DEFAULT.minInterval(),
                CtSettings.DEFAULT.timeout()), cert.ct());
        assertEquals(CertSettings.DEFAULT, new CertSettings(cert.track(), cert.renewalWindow(),
                CertSettings.DEFAULT_EXPIRY_WARNING_DAYS, cert.exactSet(), cert.registeredDomain(),
                cert.registeredDomainLimit(), CtSettings.DEFAULT, CertSettings.LETS_ENCRYPT, null), "everything else is the default");
    }

    @Test
    void onlyPaymentsApiConfiguresCertificateTracking() {
        assertEquals(List.of(CertSettings.DEFAULT, CertSettings.DEFAULT, CertSettings.DEFAULT),
                probes.subList(1, 4).stream().map(ProbeConfig::cert).toList());
    }

    @Test
    void statusPageInheritsTheRest() {
        ProbeConfig probe = probes.get(1);
        HttpSpec spec = (HttpSpec) probe.spec();
        assertEquals(Duration.ofMinutes(1), probe.interval());
        assertEquals(Map.of("env", "public", "team", "sre"), probe.labels());
        assertEquals(URI.create("https://status.example.org/api/v2/status.json"), spec.url());
        assertEquals(List.of(USER_AGENT), spec.headers());
        assertEquals(Duration.ofSeconds(15), spec.timeout());
        assertEquals(new HttpExpectations(List.of(new StatusRange(200, 299)),
                List.of(Regex.of("\"indicator\":\\s*\"none\"")), List.of(), true, false), spec.expect());
        assertEquals(TlsOptions.DEFAULT, spec.tls());
        assertEquals(HttpSpec.DEFAULT_MAX_BODY_BYTES, spec.maxBodyBytes());
        assertEquals(IpFamily.ANY, spec.ipFamily());
        assertEquals(HttpVersion.HTTP_2, spec.httpVersion());
    }

    @Test
    void plainHttpProbeExpectsTheRedirectToHttps() {
        ProbeConfig probe = probes.get(2);
        HttpSpec spec = (HttpSpec) probe.spec();
        assertEquals(Duration.ofMinutes(5), probe.interval());
        assertEquals(Map.of("env", "production", "team", "web"), probe.labels());
        assertEquals(URI.create("http://www.example.com/"), spec.url());
        assertEquals("HEAD", spec.method());
        assertEquals(HttpSpec.DEFAULT_TIMEOUT, spec.timeout());
        HttpExpectations expect = spec.expect();
        assertEquals(List.of(new StatusRange(301, 308)), expect.statuses());
        assertFalse(expect.followRedirects());
        assertTrue(expect.expectHttpsRedirect());
    }

    @Test
    void stagingProbeIsInsecureAndIpv6Only() {
        ProbeConfig probe = probes.get(3);
        HttpSpec spec = (HttpSpec) probe.spec();
        assertEquals(Duration.ofMinutes(90), probe.interval());
        assertEquals(Map.of("env", "staging", "team", "identity"), probe.labels());
        assertEquals(URI.create("https://staging.example.net/login"), spec.url());
        assertEquals(Duration.ofMillis(500), spec.timeout());
        assertEquals(IpFamily.IPV6, spec.ipFamily());
        assertEquals(262_144, spec.maxBodyBytes());
        assertTrue(spec.tls().insecure());
        assertNull(spec.tls().caFile());
        assertEquals(14, spec.tls().warnDays());
        assertEquals(3, spec.tls().critDays());
    }
}
