package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.http.HttpProbe;
import dev.vigil.testing.FakeClock;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second half of the incident on loopback: the load balancer was recreated (old at 127.0.0.2 serving an
 * ingress's default certificate, new at 127.0.0.3 serving the real one), the A record still points at the old one
 * with a one-hour TTL, a recursive resolver has had it cached for 13 minutes, and the zone's authoritative server is
 * found through SOA and NS.
 */
class IncidentReplayTest {
    private static final TestPki PKI = TestPki.create();
    private static final String HOST = "api.incident.test";
    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    private final FakeClock cacheClock = new FakeClock(T0);
    private TestDnsServer resolver;
    private TestDnsServer authority;
    private List<TlsTestServer> loadBalancers;
    private HttpProbe http;
    private KubernetesServiceReader kubernetes;
    private HostChecks probe;
    private HttpSpec spec;

    @BeforeEach
    void start() throws Exception {
        resolver = TestDnsServer.start(cacheClock);
        authority = TestDnsServer.start().authoritative(true);
        DnsRecord soa = new DnsRecord("incident.test", RecordType.SOA, 3600, "ns1.incident.test");
        resolver.answer(HOST, RecordType.SOA, List.of(), List.of(soa));
        resolver.answer("incident.test", RecordType.NS, new DnsRecord("incident.test", RecordType.NS, 3600,
                "ns1.incident.test"));
        resolver.answer("ns1.incident.test", RecordType.A, a("ns1.incident.test", "127.0.0.1"));
        resolver.answer("ns1.incident.test", RecordType.AAAA, List.of(), List.of(soa));
        resolver.answer(HOST, RecordType.AAAA, List.of(), List.of(soa));
        authority.answer(HOST, RecordType.AAAA, List.of(), List.of(soa));
        pointAt(resolver, "127.0.0.2");
        pointAt(authority, "127.0.0.2");
        cacheClock.advance(Duration.ofMinutes(13));

        Issued real = PKI.leaf(HOST).sans(HOST).issue();
        Issued fallback = TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans(HOST).issue();
        loadBalancers = TlsTestServer.startOnSharedPort(
                TlsTestServer.tls(fallback).bindAddress("127.0.0.2").responder(Responders.ok("404 page not found")),
                TlsTestServer.tls(real).bindAddress("127.0.0.3").responder(Responders.ok("ok")));
        http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
        kubernetes = new KubernetesServiceReader(name -> null, dir);
        UdpDnsClient dns = new UdpDnsClient();
        probe = new HostChecks(http, dns, () -> List.of(resolver.address()), new ExpectedAddresses(dns, kubernetes),
                Clock.systemUTC(), authority.port(), true);
        spec = spec(true);
    }

    /** The probe of the incident's host, with or without asking the authoritative servers. */
    private HttpSpec spec(boolean authoritative) {
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        return new HttpSpec(URI.create("https://" + HOST + ":" + loadBalancers.getFirst().port() + "/healthz"), "GET",
                List.of(), Duration.ofSeconds(5), HttpExpectations.DEFAULT, new TlsOptions(ca, false, 14, 3),
                1024 * 1024, List.of(), IpFamily.ANY, HttpVersion.HTTP_1_1, new DnsOptions(List.of(resolver.address()),
                        authoritative, new ExpectedLb(List.of("127.0.0.3"), null, null)));
    }

    @AfterEach
    void stop() {
        kubernetes.close();
        http.close();
        loadBalancers.forEach(TlsTestServer::close);
        authority.close();
        resolver.close();
    }

    private static DnsRecord a(String name, String address) {
        return new DnsRecord(name, RecordType.A, 3600, address);
    }

    private static void pointAt(TestDnsServer server, String address) {
        server.answer(HOST, RecordType.A, a(HOST, address));
    }

    @Test
    void aStaleRecordIsNamedWithTheLoadBalancerTheResolverThatHoldsItAndItsTtl() {
        ProbeResult result = probe.run(spec);

        assertEquals(FailureKind.DNS_LB_MISMATCH, result.failure().kind(), result::toString);
        String resolverName = "127.0.0.1:" + resolver.port();
        assertEquals(List.of(
                HOST + " resolves to 127.0.0.2 but the load balancer (expect.addresses) is 127.0.0.3: update the A record.",
                "Load balancer 127.0.0.3 serves " + HOST + " correctly; only DNS is stale.",
                "Resolver " + resolverName + " still answers 127.0.0.2 for another 47m.",
                "The record's TTL is 1h: clients may keep the old address for up to 1h after the fix."),
                result.diagnosis());
        assertTrue(result.dns().lbMismatch());
        assertEquals(3600L, result.dns().recordTtlSeconds());
        assertEquals(List.of("127.0.0.2"), result.dns().resolved().stream().map(c -> c.address()).toList());
        assertEquals(FailureKind.CERT_UNTRUSTED, result.dns().resolved().getFirst().failure().kind());
        assertTrue(result.dns().direct().getFirst().success());
        // The probe's own request went where the resolver pointed it: the old load balancer.
        assertEquals(1, loadBalancers.getFirst().connectionsAccepted());
    }

    @Test
    void aResolverThatRefusesAaaaQuestionsIsJudgedOnItsStaleARecord() {
        resolver.refuse(HOST, RecordType.AAAA);

        ProbeResult result = probe.run(spec(false));

        assertEquals(FailureKind.DNS_LB_MISMATCH, result.failure().kind(), result::toString);
        assertEquals(HOST + " resolves to 127.0.0.2 but the load balancer (expect.addresses) is 127.0.0.3: update the"
                + " A record.", result.diagnosis().getFirst());
        String resolverName = "127.0.0.1:" + resolver.port();
        assertEquals("Resolver " + resolverName + " answered only part of " + HOST + " (127.0.0.2): REFUSED from "
                + resolverName + " for " + HOST + " AAAA.", result.diagnosis().getLast());
    }

    @Test
    void onceTheRecordIsFixedTheDiagnosisWaitsOutTheCachesThenTheCheckPasses() {
        pointAt(authority, "127.0.0.3");

        ProbeResult waiting = probe.run(spec);

        assertEquals(FailureKind.DNS_LB_MISMATCH, waiting.failure().kind());
        assertEquals(List.of(
                HOST + " resolves to 127.0.0.2 but the load balancer (expect.addresses) is 127.0.0.3: wait for the"
                        + " resolvers' caches to expire.",
                "Load balancer 127.0.0.3 serves " + HOST + " correctly; only DNS is stale.",
                "The authoritative servers already answer 127.0.0.3; resolver 127.0.0.1:" + resolver.port()
                        + " will catch up within 47m.",
                "The record's TTL is 1h: clients may keep the old address for up to 1h after the fix."),
                waiting.diagnosis());

        pointAt(resolver, "127.0.0.3");
        ProbeResult fixed = probe.run(spec);

        assertNull(fixed.failure(), fixed::toString);
        assertEquals(List.of(), fixed.diagnosis());
        assertFalse(fixed.dns().lbMismatch());
        assertTrue(loadBalancers.get(1).requestsServed() >= 2);
    }
}
