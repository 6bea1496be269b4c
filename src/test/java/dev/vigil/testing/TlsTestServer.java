package dev.vigil.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTP/1.1 server on loopback, over TLS or plain TCP, whose {@link Responder} can misbehave on purpose.
 * One virtual thread per connection; {@link #close()} stops everything and waits for every thread to end.
 *
 * <p>It accepts plain TCP and layers TLS over each accepted socket (rather than using an {@code SSLServerSocket})
 * so that {@link Exchange#reset()} can reset the TCP connection under the TLS layer, sending no close_notify.
 *
 * <p>Session resumption works as with any JDK server: SunJSSE sends a TLS 1.3 NewSessionTicket after every full
 * handshake by default ({@code jdk.tls.server.enableSessionTicketExtension} defaults to true), and a ticket is
 * accepted by the {@code SSLContext} that issued it; this server builds one context at start and keeps it, even
 * across {@link #serve(Issued)}, so a client that caches sessions resumes. After a switch the JDK refuses tickets
 * for the old certificate, so the next connection handshakes fully and shows the new one.
 *
 * <pre>{@code
 * try (TlsTestServer server = TlsTestServer.tls(leaf).responder(Responders.ok("up")).start()) {
 *     URI uri = server.uri("/health");
 * }
 * }</pre>
 */
public final class TlsTestServer implements AutoCloseable {
    private static final int SHARED_PORT_ATTEMPTS = 5;
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final ServerSocket serverSocket;
    private final SSLContext sslContext;
    private final SwitchableKeyManager keyManager;
    private final Responder responder;
    private final Thread acceptThread;
    private final Set<Socket> liveSockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> connectionThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsAccepted = new AtomicInteger();
    private final AtomicInteger requestsServed = new AtomicInteger();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private TlsTestServer(Builder builder, int port) throws IOException {
        this.responder = builder.responder;
        if (builder.certificate == null) {
            this.keyManager = null;
            this.sslContext = null;
        } else {
            this.keyManager = new SwitchableKeyManager(builder.certificate);
            this.sslContext = serverContext(keyManager);
        }
        this.serverSocket = new ServerSocket();
        try {
            serverSocket.bind(new InetSocketAddress(builder.bindAddress, port));
        } catch (IOException e) {
            serverSocket.close();
            throw e;
        }
        this.acceptThread = Thread.ofVirtual().name("test-server-accept-" + serverSocket.getLocalPort())
                .start(this::acceptLoop);
    }

    /** Starts configuring a TLS server that presents {@code certificate} (switchable later with {@link #serve}). */
    public static Builder tls(Issued certificate) {
        return new Builder(Objects.requireNonNull(certificate, "certificate"));
    }

    /** Starts configuring a plain-TCP ({@code http://}) server. */
    public static Builder plain() {
        return new Builder(null);
    }

    /**
     * Starts one server per builder, all on the same port number (each builder on its own address, e.g.
     * 127.0.0.1 and 127.0.0.2). The first takes an ephemeral port; when another address has that port taken, all
     * are closed and the search starts over, a few times.
     */
    public static List<TlsTestServer> startOnSharedPort(Builder... builders) throws IOException {
        BindException last = null;
        for (int attempt = 0; attempt < SHARED_PORT_ATTEMPTS; attempt++) {
            List<TlsTestServer> started = new ArrayList<>();
            try {
                started.add(builders[0].startAt(0));
                int port = started.getFirst().port();
                for (int i = 1; i < builders.length; i++) {
                    started.add(builders[i].startAt(port));
                }
                return List.copyOf(started);
            } catch (BindException e) {
                last = e;
                started.forEach(TlsTestServer::close);
            }
        }
        throw last;
    }

    /** Presents {@code certificate} from the next full handshake on. */
    public void serve(Issued certificate) {
        requireTls().serve(certificate);
    }

    public InetAddress bindAddress() {
        return serverSocket.getInetAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code https://} or {@code http://} URI of {@code path} on this server's address and port. */
    public URI uri(String path) {
        return URI.create((sslContext == null ? "http" : "https") + "://" + bindAddress().getHostAddress() + ":"
                + port() + path);
    }

    /** TCP connections accepted so far. */
    public int connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** TLS handshakes that sent a certificate (full handshakes); resumed ones are not counted. */
    public int fullHandshakes() {
        return requireTls().fullHandshakes();
    }

    /** Requests read and handed to the responder; counted before it answers, so a client that got an answer sees it. */
    public int requestsServed() {
        return requestsServed.get();
    }

    /** Every request received so far, in arrival order. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Stops accepting, closes every live connection and waits for all of this server's threads to end. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
            join(acceptThread);
            // The accept thread has ended, so no connection can be added while these are closed and joined.
            for (Socket socket : liveSockets) {
                closeQuietly(socket);
            }
            // Responders blocked on a latch, barrier or their own pacing do not notice a closed socket.
            connectionThreads.forEach(Thread::interrupt);
            for (Thread thread : connectionThreads) {
                join(thread);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot close test server", e);
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
            connectionsAccepted.incrementAndGet();
            liveSockets.add(socket);
            Thread thread = Thread.ofVirtual().name("test-server-conn-" + socket.getPort()).unstarted(() -> {
                try {
                    handle(socket);
                } finally {
                    liveSockets.remove(socket);
                    connectionThreads.remove(Thread.currentThread());
                }
            });
            connectionThreads.add(thread);
            thread.start();
        }
    }

    private void handle(Socket tcp) {
        Socket socket = tcp;
        try {
            if (sslContext != null) {
                SSLSocket tls = (SSLSocket) sslContext.getSocketFactory().createSocket(tcp, null, true);
                tls.setUseClientMode(false);
                socket = tls;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            Exchange exchange = new Exchange(tcp, in, out);
            for (ReceivedRequest request = ReceivedRequest.read(in); request != null && !closed;
                 request = ReceivedRequest.read(in)) {
                requests.add(request);
                requestsServed.incrementAndGet();
                if (!responder.respond(request, exchange) || request.wantsClose()) {
                    break;
                }
            }
        } catch (IOException e) {
            // The client went away, a handshake failed, or the server is closing: all normal for fault tests.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(socket);
            closeQuietly(tcp);
        }
    }

    private SwitchableKeyManager requireTls() {
        if (keyManager == null) {
            throw new IllegalStateException("a plain server has no certificate");
        }
        return keyManager;
    }

    private static SSLContext serverContext(SwitchableKeyManager keyManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keyManager}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build server SSLContext", e);
        }
    }

    private static void join(Thread thread) {
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                throw new IllegalStateException("test server thread did not end: " + thread);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing test server", e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already broken; closing is all that is left to do.
        }
    }

    /** What to start: address (default 127.0.0.1), port (default ephemeral), TLS certificate and responder. */
    public static final class Builder {
        private final Issued certificate;
        private InetAddress bindAddress = loopback("127.0.0.1");
        private int port;
        private Responder responder = Responders.ok("ok");

        private Builder(Issued certificate) {
            this.certificate = certificate;
        }

        /** Binds to this loopback address, e.g. {@code 127.0.0.2}; anything outside 127.0.0.0/8 is refused. */
        public Builder bindAddress(String address) {
            bindAddress = loopback(address);
            return this;
        }

        /** Binds to this port instead of an ephemeral one. */
        public Builder port(int fixedPort) {
            port = fixedPort;
            return this;
        }

        public Builder responder(Responder value) {
            responder = Objects.requireNonNull(value, "responder");
            return this;
        }

        public TlsTestServer start() throws IOException {
            return startAt(port);
        }

        private TlsTestServer startAt(int chosenPort) throws IOException {
            return new TlsTestServer(this, chosenPort);
        }

        private static InetAddress loopback(String literal) {
            try {
                InetAddress address = InetAddress.getByName(literal);
                if (!(address instanceof Inet4Address) || !address.isLoopbackAddress()) {
                    throw new IllegalArgumentException("test servers bind to 127.0.0.0/8 only, not " + literal);
                }
                return address;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + literal, e);
            }
        }
    }
}
