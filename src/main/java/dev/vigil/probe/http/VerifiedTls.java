package dev.vigil.probe.http;

import dev.vigil.probe.ProbeException;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.tls.HandshakeFacts;
import dev.vigil.probe.tls.TlsConnection;
import dev.vigil.probe.tls.TlsConnector;
import dev.vigil.probe.tls.Verification;
import dev.vigil.time.Deadline;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * A capturing handshake followed by a separate verdict on the chain. A chain that fails verification ends the run
 * (unless the probe is insecure) but its facts travel with the failure, so an untrusted certificate is still reported.
 */
record VerifiedTls(TlsConnection connection, TlsFacts facts) {
    static VerifiedTls open(TlsConnector connector, InetSocketAddress address, HopRequest request, Deadline deadline,
            Clock clock) throws ProbeException {
        String host = request.url().getHost();
        TlsConnection connection = connector.open(address, host, deadline);
        Verification verdict = request.trust().verifier(clock).verify(connection.chain(), host);
        boolean insecure = request.trust().insecure();
        TlsFacts facts = HandshakeFacts.of(connection.protocol(), connection.cipher(), connection.chain(), verdict, insecure);
        if (!verdict.verified() && !insecure) {
            connection.close();
            throw new ProbeException(verdict.failure(), facts, null);
        }
        return new VerifiedTls(connection, facts);
    }
}
