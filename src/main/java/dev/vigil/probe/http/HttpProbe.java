package dev.vigil.probe.http;

import dev.vigil.net.BodyBudget;
import dev.vigil.net.IpLiterals;
import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Header;
import dev.vigil.probe.HttpExpectations;
import dev.vigil.probe.HttpFacts;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.HttpVersion;
import dev.vigil.probe.IpFamily;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeException;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Prober;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.tls.TlsConnector;
import dev.vigil.probe.tls.TrustPolicies;
import dev.vigil.probe.tls.TrustPolicy;
import dev.vigil.time.Deadline;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP(S) probe: resolves, connects fresh, handshakes in full, follows redirects itself and judges the final
 * response. HTTP/1.1 hops, plain or TLS, pinned to an address (an override, or a forced IP family) or not, go through
 * {@link PinnedHttpTransport}; HTTP/2 hops through {@code java.net.http}. Never throws: every failure comes back in
 * the result.
 */
public final class HttpProbe implements Prober, AutoCloseable {
    private final Clock clock;
    private final Resolver resolver;
    private final TlsConnector connector;
    private final JdkHttpTransport jdk;
    private final String userAgent;
    /** One per process: the body bytes all runs hold together are bounded by it. */
    private final BodyBudget bodyBudget;
    private final TrustPolicies trustPolicies = new TrustPolicies();

    public HttpProbe(Clock clock, Resolver resolver, String userAgent) {
        this(clock, resolver, userAgent, BodyBudget.DEFAULT_BYTES);
    }

    /** @param bodyBudgetBytes the most body bytes all runs together hold beyond each run's first 64 KiB */
    HttpProbe(Clock clock, Resolver resolver, String userAgent, long bodyBudgetBytes) {
        this.bodyBudget = new BodyBudget(bodyBudgetBytes);
        this.clock = clock;
        this.resolver = resolver;
        this.userAgent = userAgent;
        this.connector = new TlsConnector(clock);
        this.jdk = new JdkHttpTransport(clock, userAgent, new HandshakeDiagnosis(connector, resolver, clock));
    }

    /** Runs an {@link HttpSpec}; any other kind is a wiring mistake, since probers are looked up by kind. */
    @Override
    public ProbeResult run(ProbeSpec spec) {
        if (!(spec instanceof HttpSpec http)) {
            throw new IllegalArgumentException("the HTTP prober cannot run a " + spec.kind() + " probe");
        }
        return run(http);
    }

    public ProbeResult run(HttpSpec spec) {
        Instant start = clock.instant();
        Deadline deadline = Deadline.after(clock, spec.timeout());
        Redactor redactor = Redactor.of(spec.headers());
        Failure failure;
        Run run;
        try (BodyBudget.Claim body = bodyBudget.claim(deadline)) {
            run = new Run(spec, deadline, redactor, body);
            try {
                failure = run.execute();
            } catch (ProbeException e) {
                failure = e.failure();
                if (e.tls() != null) {
                    run.tls = e.tls();
                }
            }
        }
        // Every output reads the result, so this is the one place where what a target echoed loses the credentials.
        return new ProbeResult(start, Duration.between(start, clock.instant()), redactor.redact(failure),
                redacted(run.http, redactor), run.tls, run.phases, null, List.of(), run.address);
    }

    /** The facts with the final URL redacted: a redirect's Location comes from the target. */
    private static HttpFacts redacted(HttpFacts http, Redactor redactor) {
        if (http == null) {
            return null;
        }
        String url = http.finalUrl().toString();
        String clean = redactor.redact(url);
        if (clean.equals(url)) {
            return http;
        }
        URI finalUrl;
        try {
            finalUrl = new URI(clean);
        } catch (URISyntaxException e) {
            finalUrl = URI.create(http.finalUrl().getScheme() + "://redacted/");
        }
        return http.at(finalUrl);
    }

    /** The state of one run, so a failure can still report what was learnt before it. */
    private final class Run {
        final HttpSpec spec;
        final Deadline deadline;
        final Redactor redactor;
        final BodyBudget.Claim body;
        HttpFacts http;
        TlsFacts tls;
        Phases phases = Phases.NONE;
        /** Where the first request went, once chosen. */
        InetAddress address;

        Run(HttpSpec spec, Deadline deadline, Redactor redactor, BodyBudget.Claim body) {
            this.body = body;
            this.spec = spec;
            this.deadline = deadline;
            this.redactor = redactor;
        }

        Failure execute() throws ProbeException {
            TrustPolicy trust = trustPolicies.of(spec.tls());
            HttpExpectations expect = spec.expect();
            List<URI> visited = new ArrayList<>(List.of(spec.url()));
            URI url = spec.url();
            String method = spec.method();
            List<Header> headers = spec.headers();
            while (true) {
                HopResponse response = hop(new HopRequest(url, method, headers, spec.maxBodyBytes(), trust, spec.httpVersion(), body));
                int redirects = visited.size() - 1;
                http = new HttpFacts(response.status(), response.version(), redirects, url,
                        response.body().bytes().length, declaredLength(response), HttpDates.parse(response.header("last-modified")));
                tls = response.tls();
                URI next = Redirects.target(url, response.status(), response.header("location"));
                if (redirects == 0 && expect.expectHttpsRedirect()) {
                    Failure wrong = httpsRedirectFailure(url, response.status(), next);
                    if (wrong != null) {
                        return wrong;
                    }
                }
                if (next != null && !expect.followRedirects() && expect.expectHttpsRedirect()) {
                    return null; // the redirect to https is the whole expectation when redirects are not followed
                }
                if (next == null || !expect.followRedirects()) {
                    return ResponseChecks.check(expect, url, response.status(), response.body(), spec.maxBodyBytes(), redactor);
                }
                if (!("http".equalsIgnoreCase(next.getScheme()) || "https".equalsIgnoreCase(next.getScheme()))) {
                    return new Failure(FailureKind.REDIRECT, url + " redirects to " + next + ", which is not an http(s) URL");
                }
                if (visited.contains(next)) {
                    visited.add(next);
                    return new Failure(FailureKind.REDIRECT, "redirect loop: " + Redirects.describe(visited));
                }
                if (redirects == HttpExpectations.MAX_REDIRECTS) {
                    return new Failure(FailureKind.REDIRECT, "more than " + HttpExpectations.MAX_REDIRECTS
                            + " redirects, starting " + Redirects.describe(visited.subList(0, 3)) + " → …");
                }
                visited.add(next);
                method = Redirects.nextMethod(method, response.status());
                headers = Redirects.headersFor(url, next, headers);
                url = next;
            }
        }

        private HopResponse hop(HopRequest request) throws ProbeException {
            String host = request.url().getHost();
            if (host == null) {
                throw new ProbeException(FailureKind.PROTOCOL, "URL has no host: " + request.url());
            }
            Destination destination = destination(host, request.port());
            if (address == null) {
                address = destination.address();
            }
            // HTTP/1.1 goes by socket even when not pinned: see PinnedHttpTransport. HTTP/2 (and h2c's upgrade) needs
            // the client.
            boolean bySocket = destination.pinned() || request.version() != HttpVersion.HTTP_2;
            HttpTransport transport = bySocket
                    ? new PinnedHttpTransport(destination.address(), connector, clock, userAgent) : jdk;
            HopResponse response = transport.exchange(request, deadline);
            phases = phases.plus(response.phases());
            return response;
        }

        /**
         * The address this hop goes to, and whether the hop must be pinned to it. An unpinned HTTP/2 hop is left to the
         * HTTP client, which resolves as the system does and connects to the first address, the one chosen here from
         * the same resolver.
         */
        private Destination destination(String host, int port) throws ProbeException {
            InetAddress pinned = AddressOverride.find(spec.resolve(), host, port);
            if (pinned != null) {
                return new Destination(pinned, true);
            }
            if (IpLiterals.isLiteral(host)) {
                return new Destination(IpLiterals.parse(host), false);
            }
            List<InetAddress> addresses = resolve(host);
            return new Destination(spec.ipFamily().first(host, addresses), spec.ipFamily() != IpFamily.ANY);
        }

        /** Resolves once per hop, timed, so a DNS failure is named as such and its time is reported. */
        private List<InetAddress> resolve(String host) throws ProbeException {
            Instant start = clock.instant();
            try {
                return resolver.addresses(host);
            } finally {
                phases = phases.plus(new Phases(Duration.between(start, clock.instant()), null, null, null, null));
            }
        }
    }

    private record Destination(InetAddress address, boolean pinned) {
    }

    /** The response's {@code Content-Length}, or -1 without one that is a length, as blackbox_exporter reports it. */
    private static long declaredLength(HopResponse response) {
        String value = response.header("content-length");
        if (value == null || value.isBlank() || value.length() > 19) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.strip());
            return length < 0 ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Failure httpsRedirectFailure(URI url, int status, URI next) {
        if (next == null) {
            return new Failure(FailureKind.REDIRECT, "expected " + url + " to redirect to https, but it answered " + status
                    + " without a redirect");
        }
        if (!"https".equalsIgnoreCase(next.getScheme())) {
            return new Failure(FailureKind.REDIRECT, "expected " + url + " to redirect to https, but it redirects to " + next);
        }
        return null;
    }

    @Override
    public void close() {
        jdk.close();
    }
}
