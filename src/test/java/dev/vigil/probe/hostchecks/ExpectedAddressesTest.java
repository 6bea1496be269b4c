package dev.vigil.probe.hostchecks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.lb.KubernetesService;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load balancer's addresses from every source at once: static, its own name, a Kubernetes Service. */
class ExpectedAddressesTest {
    /** Room for a busy machine: no test here waits for it to pass (each source answers or fails at once). */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SERVICE = "/api/v1/namespaces/ingress/services/traefik";

    @TempDir
    Path dir;

    private TestDnsServer dns;
    private WireMockHttps api;
    private KubernetesServiceReader reader;
    private ExpectedAddresses expected;
    private KubernetesService service;

    @BeforeEach
    void start() throws Exception {
        dns = TestDnsServer.start();
        dns.answer("lb.example.test", RecordType.A, new DnsRecord("lb.example.test", RecordType.A, 60, "127.0.0.9"));
        dns.answer("lb.example.test", RecordType.AAAA, List.of(), List.of());
        dns.answer("ingress-lb.example.test", RecordType.A,
                new DnsRecord("ingress-lb.example.test", RecordType.A, 60, "127.0.0.8"));
        dns.answer("ingress-lb.example.test", RecordType.AAAA, List.of(), List.of());
        dns.nxdomain("gone.example.test");
        TestPki pki = TestPki.create();
        api = WireMockHttps.start(pki.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue());
        Path token = Files.writeString(dir.resolve("token"), "test-token");
        Path ca = TestPki.writePem(dir.resolve("ca.crt"), pki.root().certificate());
        service = new KubernetesService("ingress", "traefik", api.httpsUri(), token, ca);
        reader = new KubernetesServiceReader(name -> null, dir);
        expected = new ExpectedAddresses(new UdpDnsClient(), reader);
    }

    @AfterEach
    void stop() {
        reader.close();
        api.close();
        dns.close();
    }

    private void serviceAnswers(String json) {
        api.server().stubFor(get(urlEqualTo(SERVICE)).withHeader("Authorization", equalTo("Bearer test-token"))
                .willReturn(okJson(json)));
    }

    @Test
    void everySourceAddsItsAddresses() {
        serviceAnswers("""
                {"kind": "Service", "spec": {"type": "LoadBalancer"}, "status": {"loadBalancer": {"ingress": [
                  {"ip": "127.0.0.7"}, {"hostname": "ingress-lb.example.test"}]}}}""");

        ExpectedAddresses.Found found = expected.find(new ExpectedLb(List.of("127.0.0.6"), "lb.example.test", service),
                List.of(dns.address()), TIMEOUT);

        assertEquals(List.of("127.0.0.6", "127.0.0.9", "127.0.0.7", "127.0.0.8"), found.addresses());
        assertEquals("expect.addresses, hostname lb.example.test, kubernetes service ingress/traefik", found.source());
        assertNull(found.error());
    }

    @Test
    void everyNameOfTheLoadBalancerIsResolved() {
        ExpectedAddresses.Found found = expected.find(new ExpectedLb(List.of(), "lb.example.test", null,
                List.of("ingress-lb.example.test")), List.of(dns.address()), TIMEOUT);

        assertEquals(List.of("127.0.0.9", "127.0.0.8"), found.addresses());
        assertEquals("hostname lb.example.test, hostname ingress-lb.example.test", found.source());
        assertNull(found.error());
    }

    @Test
    void aSourceThatCannotBeReadIsNamedAndTheOthersStillCount() {
        api.server().stubFor(get(urlEqualTo(SERVICE)).willReturn(WireMock.forbidden().withBody("{}")));

        ExpectedAddresses.Found found = expected.find(new ExpectedLb(List.of("127.0.0.6"), "gone.example.test", service),
                List.of(dns.address()), TIMEOUT);

        assertEquals(List.of("127.0.0.6"), found.addresses());
        assertTrue(found.error().startsWith("the load balancer's name gone.example.test does not resolve: NXDOMAIN"),
                found.error());
        assertTrue(found.error().contains("forbidden (403)"), found.error());
        assertFalse(found.error().contains("test-token"), found.error());
    }
}
