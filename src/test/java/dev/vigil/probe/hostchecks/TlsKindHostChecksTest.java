package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dns.DnsRecord;
import dev.vigil.dns.RecordType;
import dev.vigil.dns.UdpDnsClient;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.DnsOptions.ExpectedLb;
import dev.vigil.probe.DnsOptions;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.TlsSpec;
import dev.vigil.probe.tcp.TlsProbe;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host checks wrap the TLS kind as they wrap HTTP: the named resolver's answer is where the probe connects, and
 * the load balancer's addresses are each handshaken with the host's SNI.
 */
class TlsKindHostChecksTest {
    private static final String HOST = "mail.test";
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    @Test
    void aTlsProbeWithDnsChecksConnectsWhereTheResolverSaysAndChecksTheLoadBalancer() throws Exception {
        Issued leaf = PKI.leaf(HOST).sans(HOST).issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TestDnsServer resolver = TestDnsServer.start();
             TlsTestServer target = TlsTestServer.tls(leaf).responder(Responders.ok("up")).start();
             KubernetesServiceReader kubernetes = new KubernetesServiceReader(name -> null, dir)) {
            resolver.answer(HOST, RecordType.A, new DnsRecord(HOST, RecordType.A, 60, "127.0.0.1"));
            resolver.answer(HOST, RecordType.AAAA, List.of(), List.of());
            UdpDnsClient dns = new UdpDnsClient();
            // The system resolver does not know mail.test: only the named resolver's answer can reach the target.
            TlsProbe tls = new TlsProbe(Clock.systemUTC(), host -> {
                throw new UnknownHostException(host);
            });
            HostChecks checks = new HostChecks(tls, dns, () -> List.of(resolver.address()),
                    new ExpectedAddresses(dns, kubernetes), Clock.systemUTC(), resolver.port(), true);
            TlsSpec spec = new TlsSpec(URI.create("tls://" + HOST + ":" + target.port()), null, Duration.ofSeconds(3),
                    new TlsOptions(ca, false, 14, 3), List.of(), IpFamily.ANY, new DnsOptions(
                    List.of(resolver.address()), false, new ExpectedLb(List.of("127.0.0.1"), null, null)));

            ProbeResult result = checks.run(spec);

            assertTrue(result.success(), () -> String.valueOf(result.failure()));
            assertTrue(result.tls().verified());
            DnsFacts facts = result.dns();
            assertNotNull(facts);
            assertFalse(facts.lbMismatch());
            assertEquals(1, facts.direct().size(), facts::toString);
            assertTrue(facts.direct().getFirst().success(), facts::toString);
        }
    }

    @Test
    void aFailedTlsProbeWithoutDnsChecksGetsAHint() {
        TlsProbe tls = new TlsProbe(Clock.systemUTC(), host -> {
            throw new UnknownHostException(host);
        });
        HostChecks checks = new HostChecks(tls, new UdpDnsClient(), List::of, null, Clock.systemUTC(), 53, true);

        ProbeResult result = checks.run(new TlsSpec(URI.create("tls://" + HOST + ":25"), "smtp", Duration.ofSeconds(1),
                TlsOptions.DEFAULT, List.of(), IpFamily.ANY, null));

        assertEquals(FailureKind.DNS, result.failure().kind());
        assertEquals(1, result.diagnosis().size(), result::toString);
        assertTrue(result.diagnosis().getFirst().startsWith("Check that " + HOST + " has an A or AAAA record"),
                result::toString);
    }
}
