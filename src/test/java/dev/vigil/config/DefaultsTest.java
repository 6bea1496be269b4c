package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.cert.CertSettings;
import dev.vigil.cert.CtSettings;
import dev.vigil.cert.LimitMode;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.RenewalWindow;
import dev.vigil.lb.KubernetesService;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.StatusRange;
import dev.vigil.probe.TlsOptions;
import dev.vigil.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Built-in defaults, the {@code defaults} block, and how probe values override or merge with it. */
class DefaultsTest {
    private static final ConfigLoader LOADER = new ConfigLoader(name -> null);

    @TempDir
    Path dir;

    @Test
    void probeWithOnlyNameAndUrlGetsTheBuiltInDefaults() throws ConfigException {
        Path file = ConfigFiles.write(dir, "{'probes': [{'name': 'api', 'url': 'https://api.example.com/'}]}");

        ProbeConfig probe = LOADER.load(file).probes().getFirst();

        assertEquals(new ProbeConfig("api", Duration.ofSeconds(30), Map.of(),
                HttpSpec.of(URI.create("https://api.example.com/")), CertSettings.DEFAULT), probe);
    }

    @Test
    void probesOfTheSameDefaultsShareTheirSettingsInsteadOfACopyEach() throws ConfigException {
        // Issue 17: 10,000 probes held 10,000 equal copies of their settings.
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'timeout': '5s', 'tls': {'warnDays': 20}, 'expectStatus': [200],
                              'headers': {'Accept': 'text/plain'}, 'cert': {'renewalWindow': {'fraction': 0.5}}},
                 'probes': [{'name': 'a', 'url': 'https://a.example.com/'},
                            {'name': 'b', 'url': 'https://b.example.com/'}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();
        HttpSpec a = (HttpSpec) probes.get(0).spec();
        HttpSpec b = (HttpSpec) probes.get(1).spec();

        assertSame(a.timeout(), b.timeout());
        assertSame(a.tls(), b.tls());
        assertSame(a.expect(), b.expect());
        assertSame(a.headers(), b.headers());
        assertSame(probes.get(0).interval(), probes.get(1).interval());
        assertSame(probes.get(0).cert(), probes.get(1).cert());
        assertSame(probes.get(0).labels(), probes.get(1).labels());
    }

    @Test
    void defaultsAreInheritedAndProbeValuesOverrideThem() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'interval': '1m', 'timeout': '20s', 'method': 'HEAD', 'expectStatus': [204],
                              'followRedirects': false, 'maxBodySize': '2KiB', 'ipFamily': 'ipv6'},
                 'probes': [{'name': 'inherits', 'url': 'https://a.example.com/'},
                            {'name': 'overrides', 'url': 'https://b.example.com/', 'interval': '10s', 'timeout': '2s',
                             'method': 'POST', 'expectStatus': ['200-201'], 'followRedirects': true,
                             'maxBodySize': 100, 'ipFamily': 'any'}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        HttpSpec inherits = (HttpSpec) probes.get(0).spec();
        assertEquals(Duration.ofMinutes(1), probes.get(0).interval());
        assertEquals(Duration.ofSeconds(20), inherits.timeout());
        assertEquals("HEAD", inherits.method());
        assertEquals(new HttpExpectations(List.of(new StatusRange(204, 204)), List.of(), List.of(), false, false), inherits.expect());
        assertEquals(2048, inherits.maxBodyBytes());
        assertEquals(IpFamily.IPV6, inherits.ipFamily());

        HttpSpec overrides = (HttpSpec) probes.get(1).spec();
        assertEquals(Duration.ofSeconds(10), probes.get(1).interval());
        assertEquals(Duration.ofSeconds(2), overrides.timeout());
        assertEquals("POST", overrides.method());
        assertEquals(new HttpExpectations(List.of(new StatusRange(200, 201)), List.of(), List.of(), true, false), overrides.expect());
        assertEquals(100, overrides.maxBodyBytes());
        assertEquals(IpFamily.ANY, overrides.ipFamily());
    }

    @Test
    void headersMergeCaseInsensitivelyWithTheProbeWinning() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'headers': {'Accept': 'text/plain', 'User-Agent': 'vigil'}},
                 'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'headers': {'accept': 'application/json', 'X-Trace': '1'}}]}
                """);

        List<Header> headers = ((HttpSpec) LOADER.load(file).probes().getFirst().spec()).headers();

        assertEquals(List.of(new Header("accept", "application/json", false), new Header("User-Agent", "vigil", false),
                new Header("X-Trace", "1", false)), headers);
    }

    @Test
    void labelsAndTlsMergeKeyByKey() throws Exception {
        TestPki.writePem(dir.resolve("ca.pem"), TestPki.create().root().certificate());
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'labels': {'env': 'prod', 'team': 'ops'},
                              'tls': {'caFile': 'ca.pem', 'warnDays': 30, 'critDays': 10}},
                 'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'labels': {'team': 'payments', 'tier': '1'}, 'tls': {'critDays': 5}},
                            {'name': 'public', 'url': 'https://www.example.com/', 'tls': {'caFile': null}}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        assertEquals(Map.of("env", "prod", "team", "payments", "tier", "1"), probes.get(0).labels());
        assertEquals(new TlsOptions(dir.toAbsolutePath().resolve("ca.pem"), false, 30, 5), probes.get(0).spec().tls());
        assertEquals(new TlsOptions(null, false, 30, 10), probes.get(1).spec().tls());
    }

    @Test
    void certMergesKeyByKeyDownToItsNestedObjects() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'cert': {'expiryWarnings': ['21d', '7d'], 'renewalWindow': {'fraction': 0.5},
                                       'duplicateLimit': {'capacity': 10, 'warnAt': 4},
                                       'ct': {'enabled': true, 'timeout': '5s'}}},
                 'probes': [{'name': 'inherits', 'url': 'https://a.example.com/'},
                            {'name': 'overrides', 'url': 'https://b.example.com/',
                             'cert': {'track': false, 'renewalWindow': {'before': '10d'},
                                      'duplicateLimit': {'warnAt': 1}, 'ct': {'enabled': false}}}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        LimitPolicy tenWarnAtFour = new LimitPolicy(10, Duration.ofHours(34), LimitMode.TOKEN_BUCKET, Duration.ofHours(168), 4);
        assertEquals(new CertSettings(true, new RenewalWindow(0.5, Duration.ofDays(30)), List.of(21, 7), tenWarnAtFour,
                null, LimitPolicy.REGISTERED_DOMAIN, new CtSettings(true, URI.create("https://crt.sh/"), Duration.ofHours(1),
                Duration.ofSeconds(5)), CertSettings.LETS_ENCRYPT, null), probes.get(0).cert());
        assertEquals(new CertSettings(false, new RenewalWindow(0.5, Duration.ofDays(10)), List.of(21, 7),
                new LimitPolicy(10, Duration.ofHours(34), LimitMode.TOKEN_BUCKET, Duration.ofHours(168), 1), null,
                LimitPolicy.REGISTERED_DOMAIN, new CtSettings(false, URI.create("https://crt.sh/"), Duration.ofHours(1),
                Duration.ofSeconds(5)), CertSettings.LETS_ENCRYPT, null), probes.get(1).cert());
    }

    @Test
    void dnsMergesKeyByKeyDownToItsNestedObjects() throws Exception {
        Files.writeString(dir.resolve("token"), "t0ken");
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'dns': {'resolvers': ['10.0.0.2'], 'expect': {'hostname': 'lb.example.net',
                              'kubernetesService': {'namespace': 'ingress', 'name': 'traefik', 'tokenFile': 'token'}}}},
                 'probes': [{'name': 'inherits', 'url': 'https://a.example.com/'},
                            {'name': 'overrides', 'url': 'https://b.example.com/',
                             'dns': {'authoritative': false, 'resolvers': [],
                                     'expect': {'addresses': ['203.0.113.7'], 'kubernetesService': {'name': 'nginx'}}}}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        Path token = dir.toAbsolutePath().resolve("token");
        assertEquals(new DnsOptions(List.of(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 2}), 53)), true,
                new ExpectedLb(List.of(), "lb.example.net", new KubernetesService("ingress", "traefik", null, token, null))),
                probes.get(0).spec().dns());
        assertEquals(new DnsOptions(List.of(), false, new ExpectedLb(List.of("203.0.113.7"), "lb.example.net",
                new KubernetesService("ingress", "nginx", null, token, null))), probes.get(1).spec().dns());
    }

    @Test
    void aBadDefaultIsReportedOnceEvenWhenEveryProbeOverridesIt() {
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'interval': 'soon'},
                 'probes': [{'name': 'a', 'url': 'https://a.example.com/', 'interval': '1m'},
                            {'name': 'b', 'url': 'https://b.example.com/'}]}
                """);

        ConfigException e = assertThrows(ConfigException.class, () -> LOADER.load(file));

        assertEquals(List.of(file + ":1:27: $.defaults.interval: 'soon' is not a duration; write e.g. 500ms, 30s, 5m, 1h30m or 7d"),
                e.errors().stream().map(ConfigError::describe).toList());
    }
}
