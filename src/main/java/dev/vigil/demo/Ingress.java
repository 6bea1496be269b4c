package dev.vigil.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The demo's ingress: an HTTPS server on one loopback address that answers every request with {@code 200 up} and
 * serves whichever certificate it was given last, as an ingress controller does after a restart. It can move to
 * another address on the same port, as when its load balancer is recreated.
 *
 * <p>TLS is layered on each accepted connection with the context current at that moment, so a new certificate takes
 * effect at the next connection and no session from the previous one is resumed. Reads are bounded: at most
 * {@value #MAX_REQUEST} octets of request head, {@link #IO_TIMEOUT} per read, {@value #MAX_CONNECTIONS} connections at
 * once (others wait in the backlog).
 */
final class Ingress implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.vigil.demo");
    private static final int MAX_REQUEST = 8192;
    private static final int MAX_CONNECTIONS = 32;
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n"
            + "Connection: close\r\n\r\nup\n").getBytes(StandardCharsets.US_ASCII);
    private static final char[] NO_PASSWORD = new char[0];

    private final Semaphore connections = new Semaphore(MAX_CONNECTIONS);
    private final int port;
    private volatile SSLContext tls;
    private volatile ServerSocket listener;
    private volatile boolean closed;

    private Ingress(ServerSocket listener, SSLContext tls) {
        this.listener = listener;
        this.port = listener.getLocalPort();
        this.tls = tls;
        acceptOn(listener);
    }

    /** Serves {@code credential} on {@code address} and a free port. */
    static Ingress start(InetAddress address, Credential credential) throws IOException, GeneralSecurityException {
        SSLContext tls = context(credential);
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(address, 0));
        return new Ingress(listener, tls);
    }

    int port() {
        return port;
    }

    /** The address it listens on now. */
    InetAddress address() {
        return listener.getInetAddress();
    }

    /** From the next connection on, serves {@code credential}. */
    void serve(Credential credential) throws GeneralSecurityException {
        tls = context(credential);
    }

    /**
     * Listens on {@code address}, same port, instead of where it listened: connections to the old address are refused
     * from now on.
     *
     * @throws IOException when {@code address} cannot be bound (the previous one is kept)
     */
    void moveTo(InetAddress address) throws IOException {
        ServerSocket next = new ServerSocket();
        try {
            next.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            next.close();
            throw e;
        }
        ServerSocket previous = listener;
        listener = next;
        acceptOn(next);
        previous.close();
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the demo ingress: " + e.getMessage());
        }
    }

    private void acceptOn(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("demo-ingress-" + socket.getInetAddress().getHostAddress())
                .start(() -> acceptLoop(socket));
    }

    private void acceptLoop(ServerSocket socket) {
        while (!closed && !socket.isClosed()) {
            try {
                connections.acquire();
                Socket connection = socket.accept();
                Thread.ofVirtual().name("demo-ingress-connection").start(() -> handle(connection));
            } catch (IOException e) {
                connections.release();
                if (!socket.isClosed()) {
                    LOG.log(System.Logger.Level.DEBUG, "demo ingress accept: " + e.getMessage());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(Socket connection) {
        try (Socket plain = connection;
                SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true)) {
            socket.setUseClientMode(false);
            socket.setSoTimeout((int) IO_TIMEOUT.toMillis());
            socket.startHandshake();
            if (readHead(socket.getInputStream())) {
                OutputStream out = socket.getOutputStream();
                out.write(RESPONSE);
                out.flush();
            }
        } catch (IOException e) {
            // A client that distrusts the certificate hangs up during the handshake: expected at the fallback.
            LOG.log(System.Logger.Level.DEBUG, "demo ingress connection: " + e.getMessage());
        } finally {
            connections.release();
        }
    }

    /** Reads up to the blank line ending a request's head; false if the client hung up or sent too much first. */
    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int read = 0; read < MAX_REQUEST; read++) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == end.length) {
                return true;
            }
        }
        return false;
    }

    private static SSLContext context(Credential credential) throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("ingress", credential.key(), NO_PASSWORD, credential.chain().toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot hold the demo certificate in memory: " + e.getMessage(), e);
        }
    }
}
