package dev.vigil.probe.http;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Issued;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.WireMockHttps;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 is asked for only on request, negotiated with ALPN, and reports the chain like HTTP/1.1. */
class Http2Test {
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    @Test
    void http2IsNegotiatedOnlyWhenAskedFor() throws Exception {
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Issued leaf = PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").serial(BigInteger.valueOf(0x21)).issue();
        try (HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
             WireMockHttps server = WireMockHttps.start(leaf)) {
            server.server().stubFor(get("/h").willReturn(ok("up")));

            ProbeResult h2 = probe.run(Specs.http2(Specs.trusting(server.httpsUri("/h"), ca)));
            ProbeResult h1 = probe.run(Specs.trusting(server.httpsUri("/h"), ca));

            assertNull(h2.failure(), () -> h2.failure().message());
            assertEquals("2", h2.http().version());
            assertEquals("21", h2.tls().leaf().serialHex());
            assertNull(h1.failure());
            assertEquals("1.1", h1.http().version());
        }
    }

    @Test
    void http2OnTheDefaultPathTimesItsConnectAndHandshake() throws Exception {
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        Issued leaf = PKI.leaf("localhost").sans("localhost").ipSans("127.0.0.1").issue();
        try (HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
             WireMockHttps server = WireMockHttps.start(leaf)) {
            server.server().stubFor(get("/h").willReturn(ok("up")));

            ProbeResult h2 = probe.run(Specs.http2(Specs.trusting(server.httpsUri("/h"), ca)));

            assertNull(h2.failure(), () -> h2.failure().message());
            assertEquals("2", h2.http().version());
            for (Duration phase : List.of(h2.phases().connect(), h2.phases().tls(), h2.phases().processing())) {
                assertTrue(phase != null && phase.isPositive(), h2.phases()::toString);
            }
        }
    }
}
