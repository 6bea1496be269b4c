package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Issued;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every run must see the certificate the server serves now: a pooled connection or a resumed TLS session would
 * report a cached chain. The server issues TLS 1.3 session tickets, so a client that caches sessions would resume.
 */
class FreshHandshakeTest {
    private static final TestPki PKI = TestPki.create();
    private static final HttpProbe PROBE = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");

    @TempDir
    Path dir;

    @AfterAll
    static void closeProbe() {
        PROBE.close();
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void certificateChangedBetweenRunsIsSeenAndEveryRunHandshakesInFull(boolean pinned) throws Exception {
        Issued first = PKI.leaf("localhost").sans("localhost").serial(BigInteger.valueOf(0x0a01)).issue();
        Issued second = PKI.leaf("localhost").sans("localhost").serial(BigInteger.valueOf(0x0a02)).issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(first).start()) {
            HttpSpec spec = Specs.trusting(URI.create("https://localhost:" + server.port() + "/healthz"), ca);
            if (pinned) {
                spec = Specs.pinned(spec, new AddressOverride("localhost", server.port(), InetAddress.getByName("127.0.0.1")));
            }

            ProbeResult before = PROBE.run(spec);
            server.serve(second);
            ProbeResult after = PROBE.run(spec);

            assertNull(before.failure());
            assertNull(after.failure());
            assertEquals("0a01", before.tls().leaf().serialHex());
            assertEquals("0a02", after.tls().leaf().serialHex());
            assertTrue(after.tls().verified());
            assertEquals(2, server.connectionsAccepted());
            assertEquals(2, server.fullHandshakes());
            server.requests().forEach(r -> assertTrue(r.wantsClose(), "request without Connection: close: " + r));
        }
    }

    @ParameterizedTest(name = "pinned={0}")
    @ValueSource(booleans = {false, true})
    void unchangedCertificateStillGetsAFullHandshakeEachRun(boolean pinned) throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaf).start()) {
            HttpSpec spec = Specs.trusting(URI.create("https://localhost:" + server.port() + "/"), ca);
            if (pinned) {
                spec = Specs.pinned(spec, new AddressOverride("localhost", server.port(), InetAddress.getByName("127.0.0.1")));
            }
            for (int i = 0; i < 3; i++) {
                assertNull(PROBE.run(spec).failure());
            }
            assertEquals(3, server.connectionsAccepted());
            assertEquals(3, server.fullHandshakes());
        }
    }
}
