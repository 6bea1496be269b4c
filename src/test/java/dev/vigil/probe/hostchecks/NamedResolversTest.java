package dev.vigil.probe.hostchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.dns.DnsException;
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
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestDnsServer;
import dev.vigil.testing.TlsTestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe that names resolvers is judged on what they answer: when none of them gives an address, the run fails as
 * {@code dns}, naming each resolver and what it did, even though the system resolves the host ({@code localhost})
 * and the target is up.
 */
class NamedResolversTest {
    private static final String HOST = "localhost";

    @TempDir
    Path dir;

    private TestDnsServer garbage;
    private TestDnsServer truncating;
    private TestDnsServer silent;
    private TestDnsServer working;
    private TlsTestServer target;
    private HttpProbe http;
    private KubernetesServiceReader kubernetes;
    private UdpDnsClient dns;

    @BeforeEach
    void start() throws Exception {
        garbage = TestDnsServer.start().garbage(HOST);
        truncating = TestDnsServer.start().truncateAlways(HOST);
        silent = TestDnsServer.start().silent(HOST);
        working = TestDnsServer.start();
        working.answer(HOST, RecordType.A, new DnsRecord(HOST, RecordType.A, 60, "127.0.0.1"));
        working.answer(HOST, RecordType.AAAA, List.of(), List.of());
        target = TlsTestServer.plain().responder(Responders.ok("ok")).start();
        http = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
        kubernetes = new KubernetesServiceReader(name -> null, dir);
        dns = new UdpDnsClient();
    }

    @AfterEach
    void stop() {
        kubernetes.close();
        http.close();
        target.close();
        List.of(garbage, truncating, silent, working).forEach(TestDnsServer::close);
    }

    private HostChecks probe(HostChecks.ResolverSource system) {
        return new HostChecks(http, dns, system, new ExpectedAddresses(dns, kubernetes), Clock.systemUTC(),
                working.port(), true);
    }

    private HttpSpec spec(DnsOptions options) {
        return new HttpSpec(URI.create("http://" + HOST + ":" + target.port() + "/healthz"), "GET", List.of(),
                Duration.ofSeconds(3), HttpExpectations.DEFAULT, TlsOptions.DEFAULT, 1024 * 1024, List.of(),
                IpFamily.ANY, HttpVersion.HTTP_1_1, options);
    }

    private static String name(TestDnsServer server) {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void garbageTruncationLoopsAndSilenceFailTheRunAsDnsNamingEachResolver() {
        DnsOptions options = new DnsOptions(List.of(garbage.address(), truncating.address(), silent.address()), false,
                null);

        ProbeResult result = probe(() -> List.of(working.address())).run(spec(options));

        assertEquals(FailureKind.DNS, result.failure() == null ? null : result.failure().kind(), result::toString);
        String message = result.failure().message();
        assertTrue(message.startsWith("none of the named resolvers " + name(garbage) + ", " + name(truncating) + ", "
                + name(silent) + " gave an address for " + HOST + ", so it was not probed: "), message);
        assertTrue(message.contains("malformed DNS answer from " + name(garbage) + " for " + HOST + " A: compression"
                + " loop at offset 12"), message);
        assertTrue(message.contains("the answer from " + name(truncating) + " over TCP is truncated too for " + HOST
                + " A"), message);
        assertTrue(message.contains("no answer from " + name(silent) + " within "), message);
        assertEquals(0, target.connectionsAccepted(), "the request fell back to the system resolver");
    }

    @Test
    void servfailAndNxdomainAreNamedToo() throws Exception {
        try (TestDnsServer failing = TestDnsServer.start().servfail(HOST);
             TestDnsServer missing = TestDnsServer.start().nxdomain(HOST)) {
            DnsOptions options = new DnsOptions(List.of(failing.address(), missing.address()), false, null);

            ProbeResult result = probe(() -> List.of(working.address())).run(spec(options));

            assertEquals(FailureKind.DNS, result.failure() == null ? null : result.failure().kind(), result::toString);
            assertTrue(result.failure().message().contains("SERVFAIL from " + name(failing) + " for " + HOST + " A"),
                    result::toString);
            assertTrue(result.failure().message().contains("NXDOMAIN from " + name(missing) + " for " + HOST + " A"),
                    result::toString);
        }
    }

    @Test
    void oneResolverThatAnswersIsEnough() {
        DnsOptions options = new DnsOptions(List.of(silent.address(), working.address()), false, null);

        ProbeResult result = probe(() -> List.of(working.address())).run(spec(options));

        assertNull(result.failure(), result::toString);
        assertTrue(result.diagnosis().getLast().startsWith("Resolver " + name(silent) + " cannot resolve " + HOST
                + ": no answer from " + name(silent)), result::toString);
    }

    @Test
    void withoutAnyResolverTheLoadBalancerCheckIsNotReportedAsPassed() {
        DnsOptions options = new DnsOptions(List.of(), false, new ExpectedLb(List.of("127.0.0.1"), null, null));

        ProbeResult result = probe(() -> {
            throw new DnsException("no nameserver line in /etc/resolv.conf");
        }).run(spec(options));

        assertEquals(FailureKind.DNS, result.failure() == null ? null : result.failure().kind(), result::toString);
        assertEquals("cannot check the DNS of " + HOST + ": no nameserver line in /etc/resolv.conf",
                result.failure().message());
    }

    @Test
    void systemResolversThatFailCannotVouchForTheLoadBalancer() {
        DnsOptions options = new DnsOptions(List.of(), false, new ExpectedLb(List.of("127.0.0.1"), null, null));

        ProbeResult result = probe(() -> List.of(silent.address())).run(spec(options));

        assertEquals(FailureKind.DNS, result.failure() == null ? null : result.failure().kind(), result::toString);
        assertTrue(result.failure().message().startsWith("none of the system's resolvers " + name(silent)
                + " gave an address for " + HOST + ", so whether it points at the load balancer is unknown: no answer"
                + " from " + name(silent)),
                result::toString);
    }
}
