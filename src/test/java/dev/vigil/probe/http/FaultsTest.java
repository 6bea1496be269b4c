package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.ClosedPort;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responder;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hostile and broken targets, each on both transports: every run ends by its deadline with the right failure kind. */
class FaultsTest {
    private static final TestPki PKI = TestPki.create();
    private static final Duration SHORT = Duration.ofSeconds(1);
    /** Generous bound on how far past its deadline a run may end: the deadline is enforced, not merely hoped for. */
    private static final Duration LATE = Duration.ofSeconds(3);
    private static final HttpProbe PROBE = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
    private static Issued leaf;
    private static Path ca;

    /** How the probe reaches the target: through java.net.http, or pinned over a plain TLS socket. */
    enum Route {
        JDK, PINNED
    }

    @BeforeAll
    static void pki(@org.junit.jupiter.api.io.TempDir Path dir) {
        leaf = PKI.leaf("localhost").sans("localhost").issue();
        ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
    }

    @AfterAll
    static void close() {
        PROBE.close();
    }

    private static HttpSpec spec(Route path, String scheme, int port, String target) throws Exception {
        HttpSpec spec = Specs.trusting(URI.create(scheme + "://localhost:" + port + target), ca);
        return path == Route.PINNED ? Specs.pinned(spec, new AddressOverride("localhost", port, InetAddress.getByName("127.0.0.1"))) : spec;
    }

    private static ProbeResult probeTls(Route path, Responder responder, UnaryOperator<HttpSpec> adjust) throws Exception {
        try (TlsTestServer server = TlsTestServer.tls(leaf).responder(responder).start()) {
            return PROBE.run(adjust.apply(spec(path, "https", server.port(), "/start")));
        }
    }

    private static void assertFailure(FailureKind kind, ProbeResult result) {
        assertNotNull(result.failure(), "expected " + kind + " but the probe passed");
        assertEquals(kind, result.failure().kind(), result.failure().message());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void refusedConnection(Route path) throws Exception {
        try (ClosedPort closed = ClosedPort.tcp()) {
            ProbeResult result = PROBE.run(spec(path, "https", closed.port(), "/"));
            assertFailure(FailureKind.CONNECT_REFUSED, result);
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void serverThatAcceptsAndNeverHandshakesEndsAtTheDeadline(Route path) throws Exception {
        // The kernel completes the TCP handshake from the backlog; nothing ever reads the ClientHello.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0), 50);
            ProbeResult result = PROBE.run(Specs.withTimeout(spec(path, "https", silent.getLocalPort(), "/"), SHORT));
            assertFailure(FailureKind.TIMEOUT, result);
            assertTrue(result.duration().compareTo(SHORT.plus(LATE)) < 0, "took " + result.duration());
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void handshakeTrickledAByteAtATimeEndsAtTheDeadline(Route path) throws Exception {
        // Each byte arrives well within a read timeout; only a deadline for the whole handshake ends it.
        try (ServerSocket loris = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket s = loris.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    OutputStream out = s.getOutputStream();
                    out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00}); // a handshake record of 16 KiB, then its bytes
                    for (int i = 0; i < 200; i++) {
                        Thread.sleep(Duration.ofMillis(100)); // the server's own pacing, not test synchronisation
                        out.write(0x02);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // The client gave up.
                }
            });
            ProbeResult result = PROBE.run(Specs.withTimeout(spec(path, "https", loris.getLocalPort(), "/"), SHORT));
            assertFailure(FailureKind.TIMEOUT, result);
            assertTrue(result.duration().compareTo(SHORT.plus(LATE)) < 0, "took " + result.duration());
            server.interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void serverThatHandshakesAndNeverAnswersEndsAtTheDeadline(Route path) throws Exception {
        ProbeResult result = probeTls(path, Responders.neverAnswer(), s -> Specs.withTimeout(s, SHORT));
        assertFailure(FailureKind.TIMEOUT, result);
        assertTrue(result.duration().compareTo(SHORT.plus(LATE)) < 0, "took " + result.duration());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void slowBodyEndsAtTheDeadline(Route path) throws Exception {
        ProbeResult result = probeTls(path, Responders.slowBody("x".repeat(200), Duration.ofMillis(50)), s -> Specs.withTimeout(s, SHORT));
        assertFailure(FailureKind.TIMEOUT, result);
        assertTrue(result.duration().compareTo(SHORT.plus(LATE)) < 0, "took " + result.duration());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void connectionResetIsAProtocolFailure(Route path) throws Exception {
        assertFailure(FailureKind.PROTOCOL, probeTls(path, Responders.reset(), s -> s));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void malformedResponseIsAProtocolFailure(Route path) throws Exception {
        assertFailure(FailureKind.PROTOCOL, probeTls(path, Responders.malformed(), s -> s));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void redirectLoopIsNamed(Route path) throws Exception {
        ProbeResult result = probeTls(path, Responders.redirect(302, "/loop"), s -> s);
        assertFailure(FailureKind.REDIRECT, result);
        assertTrue(result.failure().message().startsWith("redirect loop: "), result.failure().message());
        assertEquals(1, result.http().redirects());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void endlessBodyStopsAtTheLimit(Route path) throws Exception {
        ProbeResult result = probeTls(path, Responders.endlessBody(), s -> Specs.withMaxBody(s, 64 * 1024));
        assertFailure(FailureKind.BODY_TOO_LARGE, result);
        assertEquals(64 * 1024, result.http().contentLength());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void plainHttpMustRedirectToHttpsWhenExpected(Route path) throws Exception {
        HttpExpectations expectHttps = new HttpExpectations(List.of(), List.of(), List.of(), false, true);
        try (TlsTestServer redirecting = TlsTestServer.plain().responder(Responders.redirect(301, "https://localhost/")).start();
             TlsTestServer plain = TlsTestServer.plain().responder(Responders.ok("plain")).start()) {
            ProbeResult good = PROBE.run(Specs.withExpectations(spec(path, "http", redirecting.port(), "/"), expectHttps));
            ProbeResult bad = PROBE.run(Specs.withExpectations(spec(path, "http", plain.port(), "/"), expectHttps));

            assertNull(good.failure());
            assertNull(good.tls());
            assertFailure(FailureKind.REDIRECT, bad);
            assertEquals("expected http://localhost:" + plain.port() + "/ to redirect to https, but it answered 200 without a redirect",
                    bad.failure().message());
        }
    }
}
