package dev.vigil.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP server on loopback that hands every accepted connection, raw, to a {@link Handler} on a virtual thread of
 * its own: for targets that misbehave below HTTP, which {@link TlsTestServer} (it reads a request before answering)
 * cannot play. The handler may write before reading, never read, or layer TLS over the socket itself.
 *
 * <p>A socket stays open after its handler returns, until {@link #close()}, which stops accepting and closes every
 * socket accepted; it does not wait for handlers, which end once their socket is closed. An {@link IOException} from
 * a handler is the client giving up or the server closing, and is ignored.
 *
 * <pre>{@code
 * try (RawTarget target = RawTarget.start(socket -> socket.getOutputStream().write(garbage))) {
 *     URI uri = URI.create("http://localhost:" + target.port() + "/");
 * }
 * }</pre>
 */
public final class RawTarget implements AutoCloseable {
    /** Room for a test's concurrent connections to wait for the accept loop. */
    private static final int BACKLOG = 128;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    /** What the target does with one accepted connection. */
    @FunctionalInterface
    public interface Handler {
        /** Answers on {@code socket}; returning leaves it open. */
        void answer(Socket socket) throws IOException;
    }

    private RawTarget(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    /** Binds an ephemeral port on loopback and starts accepting, each connection answered by {@code handler}. */
    public static RawTarget start(Handler handler) throws IOException {
        return new RawTarget(handler);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> answer(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket socket) {
        try {
            handler.answer(socket);
        } catch (IOException e) {
            // The client gave up, or the test closed the socket.
        }
    }

    /** Stops accepting, waits for the accept loop to end and closes every socket accepted. */
    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        acceptor.join(JOIN_TIMEOUT);
        for (Socket socket : open) {
            socket.close();
        }
    }
}
