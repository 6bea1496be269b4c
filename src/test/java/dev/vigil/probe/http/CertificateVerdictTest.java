package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.TlsOptions;
import dev.vigil.testing.Issued;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificate problems get their own kind on both transports, and the chain is reported even when it is rejected:
 * java.net.http keeps nothing of a failed handshake, so the probe captures it with a second handshake.
 */
class CertificateVerdictTest {
    private static final TestPki PKI = TestPki.create();
    private static final HttpProbe PROBE = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        PROBE.close();
    }

    private ProbeResult probe(boolean pinned, Issued served, boolean trustTestRoot, boolean insecure) throws Exception {
        Path ca = trustTestRoot ? TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate()) : null;
        try (TlsTestServer server = TlsTestServer.tls(served).start()) {
            HttpSpec spec = Specs.trusting(URI.create("https://localhost:" + server.port() + "/"), ca);
            spec = new HttpSpec(spec.url(), spec.method(), spec.headers(), spec.timeout(), spec.expect(),
                    new TlsOptions(ca, insecure, 14, 3), spec.maxBodyBytes(), spec.resolve(), spec.ipFamily(), spec.httpVersion(), null);
            if (pinned) {
                spec = Specs.pinned(spec, new AddressOverride("localhost", server.port(), InetAddress.getByName("127.0.0.1")));
            }
            return PROBE.run(spec);
        }
    }

    private static void assertRejected(FailureKind kind, ProbeResult result, String leafSubject) {
        assertEquals(kind, result.failure().kind(), result.failure().message());
        assertFalse(result.tls().verified());
        assertEquals(result.failure().message(), result.tls().verifyError());
        assertEquals(leafSubject, result.tls().leaf().subject());
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void expired(boolean pinned) throws Exception {
        Instant now = Instant.now();
        Issued leaf = PKI.leaf("localhost").sans("localhost").validBetween(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(2))).issue();
        ProbeResult result = probe(pinned, leaf, true, false);
        assertRejected(FailureKind.CERT_EXPIRED, result, "CN=localhost");
        assertTrue(result.failure().message().contains("(2 days ago)"), result.failure().message());
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void notYetValid(boolean pinned) throws Exception {
        Instant now = Instant.now();
        Issued leaf = PKI.leaf("localhost").sans("localhost").validBetween(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(90))).issue();
        assertRejected(FailureKind.CERT_NOT_YET_VALID, probe(pinned, leaf, true, false), "CN=localhost");
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void wrongName(boolean pinned) throws Exception {
        Issued leaf = PKI.leaf("other.test").sans("other.test", "www.other.test").issue();
        ProbeResult result = probe(pinned, leaf, true, false);
        assertRejected(FailureKind.CERT_HOSTNAME_MISMATCH, result, "CN=other.test");
        assertEquals("certificate CN=other.test covers other.test, www.other.test, not localhost", result.failure().message());
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void selfSignedDefaultCertificate(boolean pinned) throws Exception {
        Issued fallback = TestPki.selfSigned("TRAEFIK DEFAULT CERT").sans("a1b2c3.traefik.default").issue();
        ProbeResult result = probe(pinned, fallback, false, false);
        assertRejected(FailureKind.CERT_UNTRUSTED, result, "CN=TRAEFIK DEFAULT CERT");
        assertTrue(result.failure().message().startsWith("localhost serves a self-signed certificate CN=TRAEFIK DEFAULT CERT"),
                result.failure().message());
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void chainFromAnUnknownCa(boolean pinned) throws Exception {
        Issued leaf = TestPki.create("Some Other Root").leaf("localhost").sans("localhost").issue();
        assertRejected(FailureKind.CERT_UNTRUSTED, probe(pinned, leaf, true, false), "CN=localhost");
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void intermediateChainVerifiesAgainstTheRootAlone(boolean pinned) throws Exception {
        Issued leaf = PKI.leaf("localhost", PKI.intermediate("Issuing CA 1")).sans("localhost").issue();
        ProbeResult result = probe(pinned, leaf, true, false);
        assertNull(result.failure());
        assertTrue(result.tls().verified());
        assertEquals(2, result.tls().chain().size());
        assertEquals("CN=Issuing CA 1", result.tls().leaf().issuer());
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void insecureReportsButNeverVerifies(boolean pinned) throws Exception {
        Issued fallback = TestPki.selfSigned("TRAEFIK DEFAULT CERT").issue();
        ProbeResult result = probe(pinned, fallback, false, true);
        assertNull(result.failure());
        assertFalse(result.tls().verified());
        assertTrue(result.tls().verifyError().startsWith("localhost serves a self-signed certificate"), result.tls().verifyError());
    }
}
