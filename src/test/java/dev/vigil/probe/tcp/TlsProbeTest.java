package dev.vigil.probe.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.TlsOptions;
import dev.vigil.probe.TlsSpec;
import dev.vigil.probe.starttls.StartTls;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TLS kind's prober against a real TLS server on loopback, and the port rule of its targets. */
class TlsProbeTest {
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(nullValues = "none", value = {
        "tls://mail.example.com, smtp, tls://mail.example.com:587",
        "tls://mail.example.com:25, smtp, tls://mail.example.com:25",
        "tls://imap.example.com, imap, tls://imap.example.com:143",
        "tls://db.example.com, postgres, tls://db.example.com:5432",
        "tls://www.example.com, none, tls://www.example.com:443",
        "tls://[2001:db8::1], none, tls://[2001:db8::1]:443"})
    void aTargetGetsItsPortFromTheUrlElseTheProtocolElse443(String url, String starttls, String expected) {
        assertEquals(URI.create(expected), TlsProbe.target(URI.create(url),
                starttls == null ? null : StartTls.parse(starttls)));
    }

    @Test
    void aTargetIsOnlyHostAndPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsProbe.target(URI.create("tls://mail.example.com/?x"), null));
        assertEquals("a tls:// target is only tls://host:port, without a path, query or fragment:"
                + " tls://mail.example.com/?x", e.getMessage());
    }

    @Test
    void aPinnedNameHandshakesWithItsSniAndVerifiesTheChain() throws Exception {
        Issued leaf = PKI.leaf("mail.test").sans("mail.test").issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("up")).start()) {
            // Resolving mail.test would fail: the override is what makes the probe reach the server.
            TlsProbe probe = new TlsProbe(Clock.systemUTC(), host -> {
                throw new UnknownHostException(host);
            });
            TlsSpec spec = new TlsSpec(URI.create("tls://mail.test:" + server.port()), null, Duration.ofSeconds(5),
                    new TlsOptions(ca, false, 14, 3), List.of(new AddressOverride("mail.test", server.port(),
                    InetAddress.getLoopbackAddress())), IpFamily.ANY, null);

            ProbeResult result = probe.run(spec);

            assertTrue(result.success(), () -> String.valueOf(result.failure()));
            assertTrue(result.tls().verified());
            assertNull(result.http());
            assertNull(result.phases().resolve());
            assertNotNull(result.phases().connect());
            assertNotNull(result.phases().tls());
            assertEquals(InetAddress.getLoopbackAddress(), result.address());
        }
    }

    @Test
    void aRefusedConnectionStillTellsTheAddressItWentTo() throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            TlsProbe probe = new TlsProbe(Clock.systemUTC(), host -> List.of(InetAddress.getByName("127.0.0.1")));

            ProbeResult result = probe.run(new TlsSpec(URI.create("tls://mail.test:" + closed.port()), null,
                    Duration.ofSeconds(5), TlsOptions.DEFAULT, List.of(), IpFamily.ANY, null));

            assertEquals(FailureKind.CONNECT_REFUSED, result.failure().kind());
            assertEquals(InetAddress.getByName("127.0.0.1"), result.address());
        }
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailureWithItsTime() {
        TlsProbe probe = new TlsProbe(Clock.systemUTC(), host -> {
            throw new UnknownHostException(host + ": Name or service not known");
        });

        ProbeResult result = probe.run(new TlsSpec(URI.create("tls://nowhere.test:443"), null, Duration.ofSeconds(1),
                TlsOptions.DEFAULT, List.of(), IpFamily.ANY, null));

        assertEquals(FailureKind.DNS, result.failure().kind());
        assertEquals("cannot resolve nowhere.test: Name or service not known", result.failure().message());
        assertNotNull(result.phases().resolve());
        assertNull(result.address());
    }

    @Test
    void anIpFamilyWithoutAddressIsADnsFailure() throws Exception {
        TlsProbe probe = new TlsProbe(Clock.systemUTC(), host -> List.of(InetAddress.getByName("192.0.2.1")));

        ProbeResult result = probe.run(new TlsSpec(URI.create("tls://v4only.test:443"), null, Duration.ofSeconds(1),
                TlsOptions.DEFAULT, List.of(), IpFamily.IPV6, null));

        assertEquals(FailureKind.DNS, result.failure().kind());
        assertEquals("v4only.test has no IPv6 (AAAA) address; it resolves to [192.0.2.1]", result.failure().message());
    }
}
