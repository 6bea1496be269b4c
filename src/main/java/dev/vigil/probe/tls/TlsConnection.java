package dev.vigil.probe.tls;

import dev.vigil.probe.Sockets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLSocket;

/**
 * An open TLS connection whose chain was captured but not yet judged.
 *
 * @param chain     what the server sent, leaf first
 * @param protocol  JSSE protocol name, e.g. TLSv1.3
 * @param connect   time for the TCP connect
 * @param handshake time for the TLS handshake
 */
public record TlsConnection(SSLSocket socket, X509Certificate[] chain, String protocol, String cipher,
        Duration connect, Duration handshake) implements AutoCloseable {
    @Override
    public void close() {
        Sockets.close(socket);
    }
}
