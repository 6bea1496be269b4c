package dev.vigil.probe.http;

import dev.vigil.net.BodyBudget;
import dev.vigil.net.BoundedBody;
import dev.vigil.net.BoundedBodySubscriber;
import dev.vigil.net.Causes;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Header;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeException;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.tls.FreshSessionSslContext;
import dev.vigil.probe.tls.HandshakeFacts;
import dev.vigil.probe.tls.HandshakeTiming;
import dev.vigil.probe.tls.TrustPolicy;
import dev.vigil.probe.tls.Verification;
import dev.vigil.time.Deadline;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * HTTP/2's path, {@code java.net.http} (HTTP/1.1 goes by {@link PinnedHttpTransport}, which costs less CPU per run
 * and times every phase). The client keeps its multiplexed connection with no way to evict it, so every run gets a
 * client of its own, shut down afterwards with whatever it holds: a fresh TCP connection each run, as
 * blackbox_exporter measures, at the cost of a client start (≈2–3 ms CPU). {@link FreshSessionSslContext} stops the
 * TLS session being resumed, so the handshake is a full one with the certificate sent.
 */
final class JdkHttpTransport implements HttpTransport, AutoCloseable {
    static {
        // Read once, when the client's classes first load: the client would otherwise take up to 384 KiB of response
        // head per run. The socket path stops at the same size (Http1ResponseReader). A value given with -D is the
        // user's to keep.
        if (System.getProperty("jdk.http.maxHeaderSize") == null) {
            System.setProperty("jdk.http.maxHeaderSize", Integer.toString(Http1ResponseReader.MAX_HEADER_BYTES));
        }
    }

    private final Clock clock;
    private final String userAgent;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HandshakeDiagnosis diagnosis;

    JdkHttpTransport(Clock clock, String userAgent, HandshakeDiagnosis diagnosis) {
        this.clock = clock;
        this.userAgent = userAgent;
        this.diagnosis = diagnosis;
    }

    @Override
    public HopResponse exchange(HopRequest request, Deadline deadline) throws ProbeException {
        // HTTP/2 forbids connection-specific headers such as Connection: close (a server resets the stream).
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .method(request.method(), HttpRequest.BodyPublishers.noBody());
        for (Header h : request.headersWithDefaults(userAgent)) {
            builder.header(h.name(), h.value());
        }
        Instant start = clock.instant();
        AtomicReference<Instant> headersAt = new AtomicReference<>();
        HttpResponse<BoundedBody> response;
        HttpClient client = newClient(request.trust());
        try {
            response = send(client, builder.build(), request, deadline, headersAt);
        } finally {
            client.shutdownNow();
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
     * (h2c) the client tells nothing of its connect, so processing runs from the start of the exchange, the connect
     * inside it.
     */
    static Phases phases(Instant start, HandshakeTiming handshake, Instant headers, Instant end) {
        Duration transfer = Duration.between(headers, end);
        if (handshake == null) {
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

    private HttpClient newClient(TrustPolicy trust) {
        return HttpClient.newBuilder()
                .sslContext(FreshSessionSslContext.create(trust.handshakeTrustManagers(), clock))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2)
                .executor(executor)
                .build();
    }

    private static String version(HttpClient.Version version) {
        return version == HttpClient.Version.HTTP_2 ? "2" : "1.1";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
