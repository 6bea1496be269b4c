package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigil.cert.CertSettings;
import dev.vigil.cert.CtSettings;
import dev.vigil.cert.LimitMode;
import dev.vigil.cert.LimitPolicy;
import dev.vigil.cert.RenewalWindow;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A probe's {@code cert} block; its bad values are in {@link BadConfigTest}, its merging in {@link DefaultsTest}. */
class CertConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(name -> null);

    @TempDir
    Path dir;

    @Test
    void everyKeyIsRead() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'shop', 'url': 'https://shop.example.co.uk/',
                  'cert': {'track': true,
                           'renewalWindow': {'fraction': 0.25, 'before': '14d'},
                           'expiryWarnings': ['2d', '21d', '168h'],
                           'duplicateLimit': {'capacity': 3, 'refill': '1d', 'mode': 'fixed_window', 'window': '7d', 'warnAt': 0},
                           'registeredDomain': 'Example.CO.uk',
                           'registeredDomainLimit': {'capacity': 20, 'refill': '1h30m', 'mode': 'token_bucket', 'window': '24h',
                                                     'warnAt': 19},
                           'ct': {'enabled': true, 'url': 'http://ct.internal:8080/api/', 'minInterval': '6h', 'timeout': '500ms'},
                           'limitIssuers': ['ZeroSSL', ' Example Internal CA ']}}]}
                """);

        CertSettings cert = LOADER.load(file).probes().getFirst().cert();

        assertEquals(new CertSettings(true, new RenewalWindow(0.25, Duration.ofDays(14)), List.of(21, 7, 2),
                new LimitPolicy(3, Duration.ofDays(1), LimitMode.FIXED_WINDOW, Duration.ofDays(7), 0), "example.co.uk",
                new LimitPolicy(20, Duration.ofMinutes(90), LimitMode.TOKEN_BUCKET, Duration.ofHours(24), 19),
                new CtSettings(true, URI.create("http://ct.internal:8080/api/"), Duration.ofHours(6), Duration.ofMillis(500)),
                List.of("ZeroSSL", "Example Internal CA"), null), cert);
    }

    @Test
    void anAbsentOrEmptyBlockMeansTheDefaults() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'absent', 'url': 'https://a.example.com/'},
                            {'name': 'empty', 'url': 'https://b.example.com/', 'cert': {'ct': {}}}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        assertEquals(List.of(CertSettings.DEFAULT, CertSettings.DEFAULT), probes.stream().map(ProbeConfig::cert).toList());
    }

    @Test
    void aPlainHttpProbeMayTrackCertificatesItWillNeverSee() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'www', 'url': 'http://www.example.com/', 'cert': {'track': true}}]}
                """);

        assertEquals(CertSettings.DEFAULT, LOADER.load(file).probes().getFirst().cert());
    }

    @Test
    void trackingCanBeSwitchedOffForEveryProbeInDefaults() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'cert': {'track': false}},
                 'probes': [{'name': 'a', 'url': 'https://a.example.com/'},
                            {'name': 'b', 'url': 'https://b.example.com/', 'cert': {'track': true}}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        assertEquals(List.of(false, true), probes.stream().map(p -> p.cert().track()).toList());
    }
}
