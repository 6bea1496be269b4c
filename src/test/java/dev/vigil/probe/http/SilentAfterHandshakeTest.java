package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HardDeadline;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Issued;
import dev.vigil.testing.RawTarget;
import dev.vigil.testing.TestPki;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A target that completes a TLS 1.3 handshake and then reads and sends nothing ends at the run's own deadline as a
 * timeout that says the response never came, not at the backstop: closing the socket used to wait for the silent
 * peer for another whole timeout.
 */
class SilentAfterHandshakeTest {
    private static final TestPki PKI = TestPki.create();

    enum Route {
        JDK, PINNED
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void endsAtItsOwnDeadline(Route route, @TempDir Path dir) throws Exception {
        Issued leaf = PKI.leaf("localhost").sans("localhost").issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (RawTarget target = RawTarget.start(silentTls(leaf.serverSslContext()));
             HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test")) {
            HttpSpec spec = Specs.withTimeout(Specs.trusting(URI.create("https://localhost:" + target.port() + "/"), ca),
                    Duration.ofSeconds(2));
            if (route == Route.PINNED) {
                spec = Specs.pinned(spec, new AddressOverride("localhost", target.port(), InetAddress.getLoopbackAddress()));
            }
            ProbeResult result = new HardDeadline(probe, Clock.systemUTC()).run(spec);
            assertNotNull(result.failure(), "a silent target passed");
            assertEquals(FailureKind.TIMEOUT, result.failure().kind(), result.failure().message());
            assertTrue(result.failure().message().contains("no response"), result.failure().message());
        }
    }

    /** Completes a TLS 1.3 handshake on every connection, then neither reads nor writes until closed. */
    private static RawTarget.Handler silentTls(SSLContext context) {
        return tcp -> {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, null, true);
            tls.setUseClientMode(false);
            tls.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls.startHandshake();
        };
    }
}
