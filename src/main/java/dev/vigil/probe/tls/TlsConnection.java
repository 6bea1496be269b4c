package dev.vigil.probe.tls;

import dev.vigil.probe.Sockets;
import java.net.Socket;
import java.net.SocketException;
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
        closeNow(socket);
    }

    /**
     * Closes {@code socket} without waiting for the peer. Closing a TLS 1.3 socket reads what the peer may still send
     * (JSSE depletes the input before it lets go), blocking for up to the read timeout, which is the whole time left
     * when the last read began: a target that completed the handshake and then went silent held a run for about
     * twice its timeout, past the backstop. A run that is over has nothing left to read.
     */
    public static void closeNow(Socket socket) {
        try {
            socket.setSoTimeout(1);
        } catch (SocketException e) {
            // Already closed or broken: closing is all that is left to do.
        }
        Sockets.close(socket);
    }
}
