package dev.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigil.lb.KubernetesService;
import dev.vigil.net.DnsSyntax;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A probe's {@code dns} block and the spellings it shares with {@code vigil probe}; its bad values are in
 * {@link BadConfigTest}, its merging in {@link DefaultsTest}.
 */
class DnsConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(name -> null);

    @TempDir
    Path dir;

    @Test
    void everyKeyIsRead() throws Exception {
        Files.createDirectory(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/token"), "t0ken\n");
        TestPki.writePem(dir.resolve("k8s-ca.pem"), TestPki.create().root().certificate());
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'shop', 'url': 'https://shop.example.com/',
                  'dns': {'resolvers': ['10.0.0.2', '10.0.0.3:5353', '[2001:db8::53]:53', '2001:DB8::54', '[2001:db8::55]'],
                          'authoritative': false,
                          'expect': {'addresses': ['203.0.113.7', '2001:DB8:0:0:0:0:0:7'],
                                     'hostname': 'LB-123.elb.Example.net',
                                     'kubernetesService': {'namespace': 'ingress', 'name': 'traefik',
                                                           'apiUrl': 'https://k8s.example:6443', 'tokenFile': 'secrets/token',
                                                           'caFile': 'k8s-ca.pem'}}}}]}
                """);

        DnsOptions dns = LOADER.load(file).probes().getFirst().spec().dns();

        Path base = dir.toAbsolutePath();
        assertEquals(new DnsOptions(List.of(resolver("10.0.0.2", 53), resolver("10.0.0.3", 5353), resolver("2001:db8::53", 53),
                resolver("2001:db8::54", 53), resolver("2001:db8::55", 53)), false,
                new ExpectedLb(List.of("203.0.113.7", "2001:db8::7"), "lb-123.elb.example.net",
                        new KubernetesService("ingress", "traefik", URI.create("https://k8s.example:6443"),
                                base.resolve("secrets/token"), base.resolve("k8s-ca.pem")))), dns);
    }

    @Test
    void maxAddressesCapsTheAddressesProbedEachRun() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'defaults': {'dns': {'maxAddresses': 4}},
                 'probes': [{'name': 'a', 'url': 'https://a.example.com/', 'dns': {}},
                            {'name': 'b', 'url': 'https://b.example.com/', 'dns': {'maxAddresses': 256}}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        assertEquals(new DnsOptions(List.of(), true, null, 4), probes.get(0).spec().dns());
        assertEquals(256, probes.get(1).spec().dns().maxAddresses());
    }

    @Test
    void anAbsentBlockMeansNoDnsChecksAndAnEmptyOneTheDefaults() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'absent', 'url': 'https://a.example.com/'},
                            {'name': 'empty', 'url': 'https://b.example.com/', 'dns': {}}]}
                """);

        List<ProbeConfig> probes = LOADER.load(file).probes();

        assertNull(probes.get(0).spec().dns());
        assertEquals(new DnsOptions(List.of(), true, null), probes.get(1).spec().dns());
    }

    @Test
    void anInClusterServiceNeedsOnlyItsNamespaceAndName() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/',
                             'dns': {'expect': {'kubernetesService': {'namespace': 'ingress', 'name': 'traefik'}}}}]}
                """);

        assertEquals(new ExpectedLb(List.of(), null, new KubernetesService("ingress", "traefik", null, null, null)),
                LOADER.load(file).probes().getFirst().spec().dns().expect());
    }

    @Test
    void anHttp2ProbeMayCheckDnsThroughTheSystemResolvers() throws ConfigException {
        Path file = ConfigFiles.write(dir, """
                {'probes': [{'name': 'api', 'url': 'https://api.example.com/', 'httpVersion': '2',
                             'dns': {'resolvers': [], 'expect': {'addresses': ['203.0.113.7']}}}]}
                """);

        HttpSpec spec = (HttpSpec) LOADER.load(file).probes().getFirst().spec();

        assertEquals(HttpVersion.HTTP_2, spec.httpVersion());
        assertEquals(List.of("203.0.113.7"), spec.dns().expect().addresses());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "192.0.2.1                 | 192.0.2.1    | 53",
            "192.0.2.1:5353            | 192.0.2.1    | 5353",
            "0.0.0.0:1                 | 0.0.0.0      | 1",
            "2001:db8::1               | 2001:db8::1  | 53",
            "[2001:db8::1]             | 2001:db8::1  | 53",
            "[2001:db8::1]:65535       | 2001:db8::1  | 65535",
            "::1                       | ::1          | 53",
            "::ffff:192.0.2.1          | 192.0.2.1    | 53"})
    void resolverSpellings(String text, String address, int port) {
        assertEquals(resolver(address, port), DnsSyntax.resolver(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dns.google", "localhost", "dns.google:53", "192.0.2.1:0", "192.0.2.1:65536", "192.0.2.1:+53",
            "01.2.3.4", "1.2.3", "1.2.3.4.5", "[192.0.2.1", "[2001:db8::1]53", "2001:db8::1:53:1:2:3:4", "zz:1", ":",
            "fe80::1%1"})
    void rejectsResolversThatAreNotAnIpAddressAndPort(String text) {
        assertThrows(IllegalArgumentException.class, () -> DnsSyntax.resolver(text));
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.7, 203.0.113.7", "2001:DB8:0:0:0:0:0:7, 2001:db8::7", "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "0:0:0:0:0:0:0:0, ::", "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "fe80:0:0:0:0:0:0:0, fe80::",
            "::ffff:203.0.113.7, 203.0.113.7", "::203.0.113.7, ::cb00:7107"})
    void addressesAreKeptInCanonicalText(String text, String canonical) {
        assertEquals(canonical, DnsSyntax.address(text));
    }

    /** The resolver at the literal {@code address}. */
    private static InetSocketAddress resolver(String address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
