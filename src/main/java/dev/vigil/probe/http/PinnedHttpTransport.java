package dev.vigil.probe.http;

import dev.vigil.net.BodyBudget;
import dev.vigil.net.BoundedBody;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Header;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeException;
import dev.vigil.probe.Sockets;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.tls.TlsConnection;
import dev.vigil.probe.tls.TlsConnector;
import dev.vigil.time.Deadline;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * HTTP/1.1 to one chosen address while SNI, the Host header and certificate verification use the URL's host, like
 * {@code curl --resolve}. {@code java.net.http} has no per-request resolver and sets SNI only per client, so a pinned
 * probe would need a client per target; a plain socket layered with TLS does it exactly, with no shared state between
 * concurrent probes of the same host pinned to different addresses. Every HTTP/1.1 request takes this path, pinned or
 * not: over plain HTTP {@code java.net.http} tells nothing of its TCP connect, which blackbox_exporter's
 * {@code phase="connect"} times; over HTTPS a blocking socket on a virtual thread costs a fifth less CPU per run than
 * the client's selector hand-offs, and 30 MiB less peak RSS at 3,000 probes a minute (issue 17, docs/performance.md).
 */
final class PinnedHttpTransport implements HttpTransport {
    /** Failures of the TCP connect, whose words name only the address: the request is named in front of them. */
    private static final Set<FailureKind> NOT_CONNECTED = EnumSet.of(FailureKind.CONNECT_REFUSED,
            FailureKind.CONNECT_TIMEOUT);

    private final InetAddress address;
    private final TlsConnector connector;
    private final Clock clock;
    private final String userAgent;

    PinnedHttpTransport(InetAddress address, TlsConnector connector, Clock clock, String userAgent) {
        this.address = address;
        this.connector = connector;
        this.clock = clock;
        this.userAgent = userAgent;
    }

    @Override
    public HopResponse exchange(HopRequest request, Deadline deadline) throws ProbeException {
        InetSocketAddress target = new InetSocketAddress(address, request.port());
        Socket socket;
        TlsFacts tls = null;
        Phases phases;
        try {
            if (request.https()) {
                VerifiedTls opened = VerifiedTls.open(connector, target, request, deadline, clock);
                socket = opened.connection().socket();
                tls = opened.facts();
                phases = new Phases(null, opened.connection().connect(), opened.connection().handshake(), null, null);
            } else {
                Instant start = clock.instant();
                socket = Sockets.connect(target, deadline);
                phases = new Phases(null, Duration.between(start, clock.instant()), null, null, null);
            }
        } catch (ProbeException e) {
            throw NOT_CONNECTED.contains(e.failure().kind()) ? new ProbeException(e.failure().kind(),
                    request.method() + " " + request.url() + ": " + e.getMessage(), e.getCause()) : e;
        }
        Http1ResponseReader.Head head = null;
        try {
            Instant sent = clock.instant();
            writeRequest(socket.getOutputStream(), request);
            Http1ResponseReader reader = new Http1ResponseReader(new BufferedInputStream(new DeadlineInputStream(socket, deadline)));
            head = reader.readHead();
            Instant headersAt = clock.instant();
            BoundedBody body = reader.readBody(head, "HEAD".equals(request.method()), request.maxBodyBytes(), request.body());
            phases = phases.plus(new Phases(null, null, null, Duration.between(sent, headersAt), Duration.between(headersAt, clock.instant())));
            return new HopResponse(head.status(), head.version(), head.headers(), body, tls, phases);
        } catch (SocketTimeoutException | BodyBudget.Exhausted e) {
            throw new ProbeException(new Failure(FailureKind.TIMEOUT, request.method() + " " + request.url()
                    + " via " + Sockets.describe(target) + (head == null
                            ? ": the request was sent but no response came within the timeout"
                            : ": response headers arrived but the body did not finish within the timeout"
                                    + request.body().waitNote())), tls, e);
        } catch (IOException e) {
            throw new ProbeException(new Failure(FailureKind.PROTOCOL, request.method() + " " + request.url()
                    + " via " + Sockets.describe(target) + ": " + e.getMessage()), tls, e);
        } finally {
            TlsConnection.closeNow(socket);
        }
    }

    private void writeRequest(OutputStream out, HopRequest request) throws IOException {
        StringBuilder head = new StringBuilder();
        String path = request.url().getRawPath() == null || request.url().getRawPath().isEmpty() ? "/" : request.url().getRawPath();
        String query = request.url().getRawQuery() == null ? "" : "?" + request.url().getRawQuery();
        head.append(request.method()).append(' ').append(path).append(query).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader(request)).append("\r\n");
        head.append("Connection: close\r\n");
        for (Header h : request.headersWithDefaults(userAgent)) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String hostHeader(HopRequest request) {
        String host = request.url().getHost();
        boolean defaultPort = request.url().getPort() == -1 || request.port() == (request.https() ? 443 : 80);
        return defaultPort ? host : host + ":" + request.port();
    }
}
