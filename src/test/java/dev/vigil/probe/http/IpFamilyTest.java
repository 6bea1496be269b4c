package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.probe.FailureKind;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -4}/{@code -6}: the probe picks an address of that family from what the resolver answers. */
class IpFamilyTest {
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    @Test
    void ipv4OnlyConnectsToTheIpv4AnswerEvenWhenIpv6ComesFirst() throws Exception {
        Resolver answers = host -> List.of(InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"));
        Issued leaf = PKI.leaf("api.test").sans("api.test").issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("v4")).start();
             HttpProbe probe = new HttpProbe(Clock.systemUTC(), answers, "Vigil/test")) {
            ProbeResult result = probe.run(Specs.family(Specs.trusting(URI.create("https://api.test:" + server.port() + "/"), ca), IpFamily.IPV4));
            assertNull(result.failure());
            assertEquals(1, server.requestsServed());
        }
    }

    @Test
    void ipv6OnlyWithoutAnAaaaAnswerIsADnsFailure() throws Exception {
        Resolver answers = host -> List.of(InetAddress.getByName("127.0.0.1"));
        try (HttpProbe probe = new HttpProbe(Clock.systemUTC(), answers, "Vigil/test")) {
            ProbeResult result = probe.run(Specs.family(Specs.trusting(URI.create("https://api.test/"), null), IpFamily.IPV6));
            assertEquals(FailureKind.DNS, result.failure().kind());
            assertEquals("api.test has no IPv6 (AAAA) address; it resolves to [127.0.0.1]", result.failure().message());
            assertNull(result.http());
        }
    }

    @Test
    void unresolvableHostIsADnsFailureWithItsLookupTime() throws Exception {
        Resolver nothing = host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        };
        try (HttpProbe probe = new HttpProbe(Clock.systemUTC(), nothing, "Vigil/test")) {
            ProbeResult result = probe.run(Specs.trusting(URI.create("https://gone.test/"), null));
            assertEquals(FailureKind.DNS, result.failure().kind());
            assertEquals("cannot resolve gone.test: Name or service not known", result.failure().message());
            org.junit.jupiter.api.Assertions.assertNotNull(result.phases().resolve());
        }
    }
}
