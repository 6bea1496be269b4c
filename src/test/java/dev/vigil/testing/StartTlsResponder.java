package dev.vigil.testing;

import dev.vigil.probe.starttls.StartTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback server that speaks the server side of one STARTTLS protocol, well or badly as its {@link Mode} says. One
 * virtual thread per connection; {@link #close()} closes every connection and waits for the threads to end.
 *
 * <pre>{@code
 * try (StartTlsResponder server = StartTlsResponder.start(StartTls.SMTP, Mode.SPEAKS, leaf)) {
 *     Socket socket = new Socket(server.address().getAddress(), server.port());
 * }
 * }</pre>
 */
public final class StartTlsResponder implements AutoCloseable {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    /** How the server behaves. */
    public enum Mode {
        /** Offers STARTTLS, agrees to it and then does a real TLS handshake presenting the certificate. */
        SPEAKS,
        /** Greets and answers, but does not offer STARTTLS (PostgreSQL: answers the request with an ErrorResponse). */
        NOT_OFFERED,
        /** Offers STARTTLS and answers the request with an error (PostgreSQL: {@code N}). */
        REFUSES,
        /** Offers STARTTLS, agrees to it, then carries on in plain text. */
        LIES,
        /** Sends bytes of no protocol instead of a greeting. */
        GARBAGE,
        /** Sends one line (LDAP, PostgreSQL: one message) that never ends. */
        ENDLESS_LINE,
        /** Sends short lines that never end one reply (LDAP, PostgreSQL: like {@link #ENDLESS_LINE}). */
        ENDLESS_REPLY,
        /** Accepts the connection and never says a word. */
        SILENT
    }

    private final ServerSocket serverSocket;
    private final StartTls protocol;
    private final Mode mode;
    private final SSLContext sslContext;
    private final Thread acceptThread;
    private final Set<Socket> liveSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private volatile boolean closed;

    private StartTlsResponder(StartTls protocol, Mode mode, Issued certificate) throws IOException {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.sslContext = certificate.serverSslContext();
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptThread = Thread.ofVirtual().name("starttls-responder-" + port()).start(this::acceptLoop);
    }

    /** A server on an ephemeral loopback port speaking {@code protocol} as {@code mode} says, with {@code certificate}. */
    public static StartTlsResponder start(StartTls protocol, Mode mode, Issued certificate) throws IOException {
        return new StartTlsResponder(protocol, mode, certificate);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), port());
    }

    /** What clients sent before TLS, in order: command lines, or the hex of a binary request. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** TLS handshakes completed on the server side. */
    public int handshakes() {
        return handshakes.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // Closing in a test's teardown; the threads are joined below either way.
        }
        join(acceptThread);
        liveSockets.forEach(StartTlsResponder::closeQuietly);
        for (Thread thread : connectionThreads) {
            join(thread);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            liveSockets.add(socket);
            Thread thread = Thread.ofVirtual().unstarted(() -> {
                try {
                    new ServerDialogue(socket, protocol, mode, sslContext, received::add, handshakes::incrementAndGet)
                            .run();
                } catch (IOException e) {
                    // The client went away or gave up: the normal end of most fault cases.
                } finally {
                    closeQuietly(socket);
                    liveSockets.remove(socket);
                    connectionThreads.remove(Thread.currentThread());
                }
            });
            connectionThreads.add(thread);
            thread.start();
        }
    }

    private static void join(Thread thread) {
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                throw new IllegalStateException(thread + " did not end within " + JOIN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed by the other side or by close().
        }
    }
}
