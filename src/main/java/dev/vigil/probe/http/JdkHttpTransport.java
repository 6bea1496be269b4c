package dev.vigil.probe.http;

import dev.vigil.net.BodyBudget;
import dev.vigil.net.BoundedBody;
import dev.vigil.net.BoundedBodySubscriber;
import dev.vigil.net.Causes;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeException;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.tls.FreshSessionSslContext;
import dev.vigil.probe.tls.HandshakeFacts;
import dev.vigil.probe.tls.HandshakeTiming;
import dev.vigil.probe.tls.TrustPolicy;
import dev.vigil.probe.tls.Verification;
import dev.vigil.time.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * HTTP/2's path (the agent sends HTTP/1.1 by {@link PinnedHttpTransport}): {@code java.net.http}. For HTTP/1.1 it
 * keeps one shared client per trust policy (a client owns a selector thread, so one per run would mean a thread per
 * probe). Two things keep every run a fresh TCP connection with a full TLS
 * handshake, as blackbox_exporter measures: a {@code Connection: close} request header stops the client pooling the
 * connection, and {@link FreshSessionSslContext} stops it resuming the TLS session. HTTP/2 has no
 * {@code Connection: close} and the client keeps its multiplexed connection with no way to evict it, so an HTTP/2
 * run gets a client of its own, closed afterwards: correct, at the cost of a client start (≈2–3 ms CPU) per run.
 * A failed HTTP/1.1 run retires the shared client ({@link RetiringClient}), since the client may keep what the
 * failure left open.
 */
final class JdkHttpTransport implements HttpTransport, AutoCloseable {
    static {
        // Connection is a restricted header; the client reads this property once, when its classes first load,
        // so it must be set before any HttpClient exists. keepalive.timeout=0 was measured not to force new connections.
        String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
        if (!allowed.toLowerCase(Locale.ROOT).contains("connection")) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "connection" : allowed + ",connection");
        }
        // Read the same way, once: the client would otherwise take up to 384 KiB of response head per run. The
        // pinned path stops at the same size (Http1ResponseReader). A value given with -D is the user's to keep.
        if (System.getProperty("jdk.http.maxHeaderSize") == null) {
            System.setProperty("jdk.http.maxHeaderSize", Integer.toString(Http1ResponseReader.MAX_HEADER_BYTES));
        }
    }

    /** Failures after which the client holds no connection of the run. */
    private static final Set<FailureKind> NO_CONNECTION = EnumSet.of(FailureKind.DNS, FailureKind.CONNECT_REFUSED,
            FailureKind.CONNECT_TIMEOUT);

    private final Clock clock;
    private final String userAgent;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<TrustPolicy, RetiringClient<HttpClient>> clients = new ConcurrentHashMap<>();
    private final HandshakeDiagnosis diagnosis;

    JdkHttpTransport(Clock clock, String userAgent, HandshakeDiagnosis diagnosis) {
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Connection", "close");
        } catch (IllegalArgumentException e) {
            // Something used java.net.http before this class could allow the header: every run would then reuse a
            // pooled connection and miss a changed certificate, so refuse to probe at all.
            throw new IllegalStateException("java.net.http was initialised before Vigil allowed the Connection header;"
                    + " start the JVM with -Djdk.httpclient.allowRestrictedHeaders=connection", e);
        }
        this.clock = clock;
        this.userAgent = userAgent;
        this.diagnosis = diagnosis;
    }

    @Override
    public HopResponse exchange(HopRequest request, Deadline deadline) throws ProbeException {
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .method(request.method(), HttpRequest.BodyPublishers.noBody());
        if (!http2) {
            // HTTP/2 forbids connection-specific headers (a server resets the stream); its client is closed instead.
            builder.header("Connection", "close");
        }
        for (Header h : request.headersWithDefaults(userAgent)) {
            builder.header(h.name(), h.value());
        }
        Instant start = clock.instant();
        AtomicReference<Instant> headersAt = new AtomicReference<>();
        HttpResponse<BoundedBody> response;
        if (http2) {
            HttpClient client = newClient(request.trust(), HttpClient.Version.HTTP_2);
            try {
                response = send(client, builder.build(), request, deadline, headersAt);
            } finally {
                client.shutdownNow();
            }
        } else {
            RetiringClient<HttpClient> shared = clients.computeIfAbsent(request.trust(),
                    t -> new RetiringClient<>(() -> newClient(t, HttpClient.Version.HTTP_1_1), HttpClient::shutdownNow));
            RetiringClient.Lease<HttpClient> lease = shared.acquire();
            boolean failed = true;
            try {
                response = send(lease.client(), builder.build(), request, deadline, headersAt);
                failed = false;
            } catch (ProbeException e) {
                // A failure before any connection existed leaves nothing open: no reason to churn the client (a
                // whole cluster refusing connections would otherwise start a client and its thread per run).
                failed = !NO_CONNECTION.contains(e.failure().kind());
                throw e;
            } finally {
                shared.release(lease, failed);
            }
        }
        Instant end = clock.instant();
        Instant headers = headersAt.get() == null ? end : headersAt.get();
        Phases phases = phases(start, response.sslSession().map(HandshakeTiming::of).orElse(null), headers, end);
        TlsFacts tls = response.sslSession().map(session -> tlsFacts(session, request)).orElse(null);
        return new HopResponse(response.statusCode(), version(response.version()), response.headers().map(),
                response.body(), tls, phases);
    }

    /**
     * blackbox_exporter's phases of one exchange: connect and TLS as the connection's engine timed them, processing
     * from the end of the handshake to the response head, transfer from there to the end of the body. Over plain HTTP
     * the client tells nothing of its connect, so processing runs from the start of the exchange, the connect inside it.
     * A connection opened before the exchange began (which {@code Connection: close} should never allow) is not this
     * exchange's to time: its handshake is left out rather than counted again.
     */
    static Phases phases(Instant start, HandshakeTiming handshake, Instant headers, Instant end) {
        Duration transfer = Duration.between(headers, end);
        if (handshake == null || handshake.created().isBefore(start)) {
            return new Phases(null, null, null, Duration.between(start, headers), transfer);
        }
        return new Phases(null, handshake.connect(), handshake.handshake(), Duration.between(handshake.done(), headers),
                transfer);
    }

    private HttpResponse<BoundedBody> send(HttpClient client, HttpRequest httpRequest, HopRequest request, Deadline deadline,
            AtomicReference<Instant> headersAt) throws ProbeException {
        CompletableFuture<HttpResponse<BoundedBody>> future = client.sendAsync(httpRequest, info -> {
            headersAt.set(clock.instant());
            return new BoundedBodySubscriber(request.maxBodyBytes(), request.body());
        });
        try {
            return future.get(deadline.remainingMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProbeException(FailureKind.TIMEOUT, headersAt.get() == null
                    ? request.method() + " " + request.url() + ": no response within the timeout"
                    : bodyTimeout(request), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProbeException(FailureKind.TIMEOUT, request.method() + " " + request.url() + ": cancelled", e);
        } catch (CancellationException e) {
            throw new ProbeException(FailureKind.TIMEOUT, request.method() + " " + request.url() + ": cancelled", e);
        } catch (ExecutionException e) {
            if (Causes.has(e, BodyBudget.Exhausted.class)) {
                throw new ProbeException(FailureKind.TIMEOUT, bodyTimeout(request), e);
            }
            throw JdkFailures.classify(e.getCause(), request, () -> diagnosis.diagnose(request, deadline));
        }
    }

    private static String bodyTimeout(HopRequest request) {
        return request.method() + " " + request.url() + ": response headers arrived but the body did not finish within the"
                + " timeout" + request.body().waitNote();
    }

    private TlsFacts tlsFacts(SSLSession session, HopRequest request) {
        try {
            var chain = session.getPeerCertificates();
            // The client verified the chain already; an insecure probe still learns what a check would have found.
            var verification = request.trust().insecure()
                    ? request.trust().verifier(clock).verify(HandshakeFacts.x509(chain), request.url().getHost())
                    : Verification.OK;
            return HandshakeFacts.of(session.getProtocol(), session.getCipherSuite(), chain, verification, request.trust().insecure());
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private HttpClient newClient(TrustPolicy trust, HttpClient.Version version) {
        return HttpClient.newBuilder()
                .sslContext(FreshSessionSslContext.create(trust.handshakeTrustManagers(), clock))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(version)
                .executor(executor)
                .build();
    }

    private static String version(HttpClient.Version version) {
        return version == HttpClient.Version.HTTP_2 ? "2" : "1.1";
    }

    @Override
    public void close() {
        clients.values().forEach(RetiringClient::close);
        executor.shutdownNow();
    }
}
