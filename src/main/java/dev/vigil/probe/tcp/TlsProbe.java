package dev.vigil.probe.tcp;

import dev.vigil.net.IpLiterals;
import dev.vigil.probe.AddressOverride;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.Phases;
import dev.vigil.probe.ProbeException;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.Prober;
import dev.vigil.probe.Resolver;
import dev.vigil.probe.Sockets;
import dev.vigil.probe.TlsFacts;
import dev.vigil.probe.TlsSpec;
import dev.vigil.probe.starttls.StartTls;
import dev.vigil.probe.starttls.StartTlsException;
import dev.vigil.probe.tls.HandshakeFacts;
import dev.vigil.probe.tls.TlsConnection;
import dev.vigil.probe.tls.TlsConnector;
import dev.vigil.probe.tls.TrustPolicies;
import dev.vigil.probe.tls.TrustPolicy;
import dev.vigil.probe.tls.Verification;
import dev.vigil.time.Deadline;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The TLS kind's prober ({@link TlsSpec}): resolves, connects, speaks the protocol's STARTTLS when asked, then
 * handshakes over the same connection capturing the chain even when it would not verify, and judges it as the HTTP
 * kind does. Phases: resolve, connect, tls (STARTTLS included). Never throws: every failure comes back in the result.
 */
public final class TlsProbe implements Prober {
    private final Clock clock;
    private final Resolver resolver;
    private final TlsConnector connector;
    private final TrustPolicies trustPolicies = new TrustPolicies();

    public TlsProbe(Clock clock, Resolver resolver) {
        this.clock = clock;
        this.resolver = resolver;
        this.connector = new TlsConnector(clock);
    }

    /**
     * The {@code tls://} target {@code url} with its port written out: the URL's, else the STARTTLS protocol's usual
     * one, else {@value TlsSpec#DEFAULT_PORT}. The one place that rule lives; the port shows in {@code instance} and
     * keys the certificate history, so a target means one endpoint however it is written.
     *
     * @throws IllegalArgumentException when {@code url} is not a {@code tls://host[:port]} target
     */
    public static URI target(URI url, StartTls starttls) {
        TlsSpec.checkUrl(url);
        if (url.getPort() != -1) {
            return url;
        }
        int port = starttls == null ? TlsSpec.DEFAULT_PORT : starttls.defaultPort();
        try {
            return new URI(url.getScheme(), null, url.getHost(), port, null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot add port " + port + " to " + url + ": " + e.getMessage(), e);
        }
    }

    /** Runs a {@link TlsSpec}; any other kind is a wiring mistake, since probers are looked up by kind. */
    @Override
    public ProbeResult run(ProbeSpec spec) {
        if (!(spec instanceof TlsSpec tls)) {
            throw new IllegalArgumentException("the TLS prober cannot run a " + spec.kind() + " probe");
        }
        return run(tls);
    }

    public ProbeResult run(TlsSpec spec) {
        Instant start = clock.instant();
        Deadline deadline = Deadline.after(clock, spec.timeout());
        Run run = new Run(spec, deadline);
        Failure failure;
        try {
            failure = run.execute();
        } catch (ProbeException e) {
            failure = e.failure();
            if (e.tls() != null) {
                run.tls = e.tls();
            }
        }
        return new ProbeResult(start, Duration.between(start, clock.instant()), failure, null, run.tls, run.phases,
                null, List.of(), run.address);
    }

    /** The state of one run, so a failure can still report what was learnt before it. */
    private final class Run {
        final TlsSpec spec;
        final Deadline deadline;
        TlsFacts tls;
        Phases phases = Phases.NONE;
        /** Where the connection went, once chosen. */
        InetAddress address;

        Run(TlsSpec spec, Deadline deadline) {
            this.spec = spec;
            this.deadline = deadline;
        }

        Failure execute() throws ProbeException {
            TrustPolicy trust = trustPolicies.of(spec.tls());
            String host = spec.host();
            this.address = address(host);
            InetSocketAddress address = new InetSocketAddress(this.address, spec.port());
            Instant connecting = clock.instant();
            Socket tcp = Sockets.connect(address, deadline);
            Instant connected = clock.instant();
            phases = phases.plus(new Phases(null, Duration.between(connecting, connected), null, null, null));
            try {
                startTls(tcp, host, address);
            } catch (ProbeException | RuntimeException e) {
                Sockets.close(tcp);
                throw e;
            }
            TlsConnection connection;
            try {
                connection = connector.over(tcp, address, host, Duration.between(connecting, connected), deadline);
            } finally {
                phases = phases.plus(new Phases(null, null, Duration.between(connected, clock.instant()), null, null));
            }
            try (connection) {
                Verification verdict = trust.verifier(clock).verify(connection.chain(), host);
                tls = HandshakeFacts.of(connection.protocol(), connection.cipher(), connection.chain(), verdict,
                        trust.insecure());
                return verdict.verified() || trust.insecure() ? null : verdict.failure();
            }
        }

        /** Speaks the protocol's plain-text opening until the server agrees to TLS; nothing without STARTTLS. */
        private void startTls(Socket tcp, String host, InetSocketAddress address) throws ProbeException {
            if (spec.starttls() == null) {
                return;
            }
            StartTls protocol = StartTls.parse(spec.starttls());
            String where = host + " at " + Sockets.describe(address);
            try {
                protocol.negotiate(tcp, host, deadline);
            } catch (StartTlsException e) {
                throw new ProbeException(FailureKind.STARTTLS, protocol.id() + " STARTTLS with " + where + " failed: "
                        + e.getMessage(), e);
            } catch (SocketTimeoutException e) {
                throw new ProbeException(FailureKind.TIMEOUT, protocol.id() + " STARTTLS with " + where
                        + " did not finish within the timeout", e);
            } catch (IOException e) {
                throw new ProbeException(deadline.expired() ? FailureKind.TIMEOUT : FailureKind.STARTTLS,
                        "connection to " + where + " broke during " + protocol.id() + " STARTTLS: " + e.getMessage(), e);
            }
        }

        /** The address to connect to: an override for host:port, the literal itself, or the first DNS returned. */
        private InetAddress address(String host) throws ProbeException {
            InetAddress pinned = AddressOverride.find(spec.resolve(), host, spec.port());
            if (pinned != null) {
                return pinned;
            }
            if (IpLiterals.isLiteral(host)) {
                return IpLiterals.parse(host);
            }
            Instant start = clock.instant();
            try {
                return spec.ipFamily().first(host, resolver.addresses(host));
            } finally {
                phases = phases.plus(new Phases(Duration.between(start, clock.instant()), null, null, null, null));
            }
        }
    }
}
