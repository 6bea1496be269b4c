package dev.vigil.probe.tls;

import dev.vigil.net.IpLiterals;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.ProbeException;
import dev.vigil.probe.Sockets;
import dev.vigil.time.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A TLS handshake over a plain {@link SSLSocket}, for what {@code java.net.http} cannot do exactly: capture a chain the
 * JDK would reject (it aborts the handshake and keeps nothing), and connect to one address while SNI and verification
 * use another name. Every connection gets a fresh context, so the handshake is always full and the chain always real.
 */
public final class TlsConnector {
    private final Clock clock;

    public TlsConnector(Clock clock) {
        this.clock = clock;
    }

    /** Connects to {@code address} and completes a handshake presenting {@code host} as SNI; never verifies. */
    public TlsConnection open(InetSocketAddress address, String host, Deadline deadline) throws ProbeException {
        Instant start = clock.instant();
        Socket tcp = Sockets.connect(address, deadline);
        return over(tcp, address, host, Duration.between(start, clock.instant()), deadline);
    }

    /**
     * Completes a handshake presenting {@code host} as SNI over {@code tcp}, a connection already open to
     * {@code address} (after a protocol's STARTTLS, say); never verifies. Closes {@code tcp} when it fails.
     *
     * @param connect the time the TCP connect took, reported with the connection
     */
    public TlsConnection over(Socket tcp, InetSocketAddress address, String host, Duration connect, Deadline deadline)
            throws ProbeException {
        Instant connected = clock.instant();
        CapturingTrustManager capture = new CapturingTrustManager();
        SSLSocket ssl = null;
        try {
            ssl = (SSLSocket) FreshSessionSslContext.newContext(new TrustManager[] {capture}).getSocketFactory()
                    .createSocket(tcp, host, address.getPort(), true);
            SSLParameters params = ssl.getSSLParameters();
            if (!IpLiterals.isLiteral(host)) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            ssl.setSSLParameters(params);
            ssl.setSoTimeout(deadline.remainingMillis());
            handshakeBy(ssl, tcp, deadline);
            X509Certificate[] chain = capture.chain();
            return new TlsConnection(ssl, chain, ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite(),
                    connect, Duration.between(connected, clock.instant()));
        } catch (IOException e) {
            TlsConnection.closeNow(ssl == null ? tcp : ssl);
            if (e instanceof SocketTimeoutException || deadline.expired()) {
                throw new ProbeException(FailureKind.TIMEOUT, "TLS handshake with " + host + " at " + Sockets.describe(address)
                        + " stalled: the connection opened but the handshake did not finish within the timeout", e);
            }
            if (e instanceof SSLException) {
                throw new ProbeException(FailureKind.TLS_HANDSHAKE, "TLS handshake with " + host + " at "
                        + Sockets.describe(address) + " failed: " + e.getMessage(), e);
            }
            throw new ProbeException(FailureKind.TLS_HANDSHAKE, "connection to " + host + " at " + Sockets.describe(address)
                    + " broke during the TLS handshake: " + e.getMessage(), e);
        }
    }

    /**
     * Handshakes, closing the connection if the deadline passes first. The read timeout bounds each read, not the
     * handshake: a server that trickles its handshake a byte at a time kept a pinned run going until the backstop.
     */
    private static void handshakeBy(SSLSocket ssl, Socket tcp, Deadline deadline) throws IOException {
        Thread watchdog = Thread.ofVirtual().name("vigil-tls-deadline").start(() -> {
            try {
                Thread.sleep(deadline.remaining());
                TlsConnection.closeNow(tcp);
            } catch (InterruptedException e) {
                // The handshake ended first.
            }
        });
        try {
            ssl.startHandshake();
        } finally {
            watchdog.interrupt();
        }
    }
}
