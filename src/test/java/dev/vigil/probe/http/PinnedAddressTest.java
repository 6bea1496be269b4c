package dev.vigil.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.Regex;
import dev.vigil.probe.Resolver;
import dev.vigil.testing.Issued;
import dev.vigil.testing.Responders;
import dev.vigil.testing.TestPki;
import dev.vigil.testing.TlsTestServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resolve} semantics: connect to the pinned address, while SNI, Host and verification use the URL's name. */
class PinnedAddressTest {
    private static final TestPki PKI = TestPki.create();

    @TempDir
    Path dir;

    @Test
    void concurrentProbesOfOneHostPinnedToDifferentAddressesEachReachTheirOwn() throws Exception {
        Issued leaf = PKI.leaf("api.test").sans("api.test").issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        // Both servers answer only once both requests are in flight, so the probes must truly overlap.
        CyclicBarrier bothInFlight = new CyclicBarrier(2);
        List<TlsTestServer> servers = TlsTestServer.startOnSharedPort(
                TlsTestServer.tls(leaf).bindAddress("127.0.0.1").responder(Responders.awaiting(bothInFlight, Responders.ok("I am one"))),
                TlsTestServer.tls(leaf).bindAddress("127.0.0.2").responder(Responders.awaiting(bothInFlight, Responders.ok("I am two"))));
        int port = servers.getFirst().port();
        URI url = URI.create("https://api.test:" + port + "/healthz");
        try (HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test");
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ProbeResult> one = pool.submit(() -> probe.run(expecting(url, ca, "127.0.0.1", port, "I am one")));
            Future<ProbeResult> two = pool.submit(() -> probe.run(expecting(url, ca, "127.0.0.2", port, "I am two")));

            assertNull(one.get().failure());
            assertNull(two.get().failure());
        } finally {
            servers.forEach(TlsTestServer::close);
        }
        for (TlsTestServer server : servers) {
            assertEquals(1, server.requestsServed());
            assertEquals("api.test:" + port, server.requests().getFirst().header("Host"));
        }
    }

    private static HttpSpec expecting(URI url, Path ca, String address, int port, String body) throws Exception {
        HttpSpec spec = Specs.pinned(Specs.trusting(url, ca), new AddressOverride("api.test", port, InetAddress.getByName(address)));
        return Specs.withExpectations(spec, new HttpExpectations(List.of(), List.of(Regex.of(body)), List.of(), true, false));
    }

    @Test
    void verificationUsesTheUrlsNameNotThePinnedAddress() throws Exception {
        Issued leaf = PKI.leaf("api.test").sans("api.test").issue();
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.root().certificate());
        try (TlsTestServer server = TlsTestServer.tls(leaf).start();
             HttpProbe probe = new HttpProbe(Clock.systemUTC(), Resolver.SYSTEM, "Vigil/test")) {
            HttpSpec pinnedByName = Specs.pinned(Specs.trusting(URI.create("https://api.test:" + server.port() + "/"), ca),
                    new AddressOverride("api.test", server.port(), InetAddress.getByName("127.0.0.1")));
            HttpSpec byAddress = Specs.trusting(URI.create("https://127.0.0.1:" + server.port() + "/"), ca);

            assertNull(probe.run(pinnedByName).failure());
            assertEquals("cert_hostname_mismatch", probe.run(byAddress).failure().kind().id());
        }
    }
}
