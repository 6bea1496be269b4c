package dev.vigil.testing;

import dev.vigil.probe.starttls.StartTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A loopback server that speaks the server side of one STARTTLS protocol, well or badly as its {@link Mode} says: a
 * {@link RawTarget} whose connections a {@link ServerDialogue} answers.
 *
 * <pre>{@code
 * try (StartTlsResponder server = StartTlsResponder.start(StartTls.SMTP, Mode.SPEAKS, leaf)) {
 *     Socket socket = new Socket(server.address().getAddress(), server.port());
 * }
 * }</pre>
 */
public final class StartTlsResponder implements AutoCloseable {
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
        /** Turns the session away in its greeting (LDAP: a notice of disconnection; PostgreSQL: like REFUSES). */
        TURNS_AWAY,
        /** Accepts the connection and never says a word. */
        SILENT
    }

    private final RawTarget target;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();

    private StartTlsResponder(StartTls protocol, Mode mode, Issued certificate) throws IOException {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mode, "mode");
        SSLContext sslContext = certificate.serverSslContext();
        this.target = RawTarget.start(socket -> new ServerDialogue(socket, protocol, mode, sslContext, received::add,
                handshakes::incrementAndGet).run());
    }

    /** A server on an ephemeral loopback port speaking {@code protocol} as {@code mode} says, with {@code certificate}. */
    public static StartTlsResponder start(StartTls protocol, Mode mode, Issued certificate) throws IOException {
        return new StartTlsResponder(protocol, mode, certificate);
    }

    public int port() {
        return target.port();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    /** What clients sent before TLS, in order: command lines, or the hex of a binary request. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** TLS handshakes completed on the server side. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Stops accepting and closes every connection, which ends their threads. */
    @Override
    public void close() throws IOException {
        try {
            target.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
