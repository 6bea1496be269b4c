package dev.vigil.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Proves the handshake counter tells full handshakes from resumed ones, and that certificates switch. */
class TlsTestServerHandshakeTest {
    private static final TestPki PKI = TestPki.create();

    @Test
    void clientReusingItsContextResumesTheSecondTime() throws Exception {
        Issued leaf = PKI.leaf("127.0.0.1").ipSans("127.0.0.1").issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf).start()) {
            var context = PKI.clientSslContext();

            LoopbackClient.get(context, "127.0.0.1", server.port(), "/");
            LoopbackClient.get(context, "127.0.0.1", server.port(), "/");

            assertEquals(2, server.connectionsAccepted());
            assertEquals(1, server.fullHandshakes());
            assertEquals(2, server.requestsServed());
        }
    }

    @Test
    void clientWithFreshContextEachTimeHandshakesFully() throws Exception {
        Issued leaf = PKI.leaf("127.0.0.1").ipSans("127.0.0.1").issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf).start()) {
            LoopbackClient.get(PKI.clientSslContext(), "127.0.0.1", server.port(), "/");
            LoopbackClient.get(PKI.clientSslContext(), "127.0.0.1", server.port(), "/");

            assertEquals(2, server.connectionsAccepted());
            assertEquals(2, server.fullHandshakes());
        }
    }

    @Test
    void switchedCertificateReachesTheNextFullHandshake() throws Exception {
        Issued first = PKI.leaf("127.0.0.1").serial(BigInteger.valueOf(1001)).issue();
        Issued second = PKI.leaf("127.0.0.1").serial(BigInteger.valueOf(1002)).rsa().issue();
        try (TlsTestServer server = TlsTestServer.tls(first).start()) {
            var before = LoopbackClient.get(PKI.clientSslContext(), "127.0.0.1", server.port(), "/");
            server.serve(second);
            var after = LoopbackClient.get(PKI.clientSslContext(), "127.0.0.1", server.port(), "/");

            assertEquals(BigInteger.valueOf(1001), before.peer().getSerialNumber());
            assertEquals(BigInteger.valueOf(1002), after.peer().getSerialNumber());
            assertEquals(2, server.fullHandshakes());
        }
    }

    @Test
    void switchedCertificateEndsResumption() throws Exception {
        Issued first = PKI.leaf("127.0.0.1").serial(BigInteger.valueOf(2001)).issue();
        Issued second = PKI.leaf("127.0.0.1").serial(BigInteger.valueOf(2002)).issue();
        try (TlsTestServer server = TlsTestServer.tls(first).start()) {
            var context = PKI.clientSslContext();
            LoopbackClient.get(context, "127.0.0.1", server.port(), "/");
            server.serve(second);

            var after = LoopbackClient.get(context, "127.0.0.1", server.port(), "/");

            assertEquals(BigInteger.valueOf(2002), after.peer().getSerialNumber());
            assertEquals(2, server.fullHandshakes());
        }
    }

    @Test
    void serverSendsIntermediateAfterLeaf() throws Exception {
        Issued intermediate = PKI.intermediate("Vigil Test Intermediate");
        Issued leaf = PKI.leaf("127.0.0.1", intermediate).issue();
        try (TlsTestServer server = TlsTestServer.tls(leaf).start()) {
            var response = LoopbackClient.get(PKI.clientSslContext(), "127.0.0.1", server.port(), "/");

            assertEquals(2, response.session().getPeerCertificates().length);
            assertEquals(intermediate.certificate(), response.session().getPeerCertificates()[1]);
        }
    }
}
