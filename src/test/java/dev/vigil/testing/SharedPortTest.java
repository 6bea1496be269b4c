package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Two servers on the same port number of two loopback addresses, as for an address-override probe. */
class SharedPortTest {
    @Test
    void bothAddressesAnswerOnTheSamePort() throws Exception {
        TestPki pki = TestPki.create();
        Issued leaf = pki.leaf("api.test").sans("api.test").ipSans("127.0.0.1", "127.0.0.2").issue();
        List<TlsTestServer> servers = TlsTestServer.startOnSharedPort(
                TlsTestServer.tls(leaf).bindAddress("127.0.0.1").responder(Responders.ok("one")),
                TlsTestServer.tls(leaf).bindAddress("127.0.0.2").responder(Responders.ok("two")));
        try {
            int port = servers.get(0).port();
            assertEquals(port, servers.get(1).port());

            assertEquals("one", LoopbackClient.get(pki.clientSslContext(), "127.0.0.1", port, "/").body());
            assertEquals("two", LoopbackClient.get(pki.clientSslContext(), "127.0.0.2", port, "/").body());
            assertEquals(1, servers.get(0).requestsServed());
            assertEquals(1, servers.get(1).requestsServed());
        } finally {
            servers.forEach(TlsTestServer::close);
        }
    }
}
