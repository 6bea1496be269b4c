package dev.vigil.probe.http;

import dev.vigil.probe.ProbeException;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.tls.TlsConnector;
import dev.vigil.time.Deadline;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * When {@code java.net.http}'s handshake fails, the client keeps neither the chain nor a precise reason. This runs a
 * second, capturing handshake to the same host to report the chain and say exactly what is wrong with it.
 */
final class HandshakeDiagnosis {
    private final TlsConnector connector;
    private final Resolver resolver;
    private final Clock clock;

    HandshakeDiagnosis(TlsConnector connector, Resolver resolver, Clock clock) {
        this.connector = connector;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** The precise failure with the chain attached, or null when the capturing handshake found nothing wrong. */
    ProbeException diagnose(HopRequest request, Deadline deadline) {
        try {
            var address = new InetSocketAddress(resolver.resolve(request.url().getHost()).getFirst(), request.port());
            VerifiedTls.open(connector, address, request, deadline, clock).connection().close();
            return null;
        } catch (ProbeException e) {
            return e;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
