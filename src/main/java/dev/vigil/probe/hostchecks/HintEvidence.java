package dev.vigil.probe.hostchecks;

import dev.vigil.net.IpLiterals;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import dev.vigil.probe.HttpSpec;
import dev.vigil.probe.ProbeResult;
import dev.vigil.probe.ProbeSpec;
import dev.vigil.probe.TlsSpec;
import java.util.Objects;

/**
 * What a failed run proved, the only ground its hint may stand on: a hint never claims DNS worked unless a name was
 * resolved, nor TLS unless a handshake completed, nor points at a certificate history that is not kept.
 *
 * @param host            the probed host as the URL names it: a name, not the address it resolved to; an IPv6
 *                        literal in brackets
 * @param port            the probed port
 * @param ipLiteral       the host is an IP address: no DNS is involved
 * @param tlsAsked        the probe asked for TLS ({@code https://} or {@code tls://}), not plain HTTP
 * @param tlsKind         a {@code tls://} probe, whose port may speak a protocol other than HTTP
 * @param nameResolved    this run resolved the host name (not an IP literal, not an address given with the probe)
 * @param tlsCompleted    a TLS handshake completed during the run
 * @param certHistoryKept a certificate history is kept for this run ({@code vigil certs} can show it)
 * @param httpStatus      the status of the last response, or 0 when none arrived
 * @param failure         why the run failed
 */
record HintEvidence(String host, int port, boolean ipLiteral, boolean tlsAsked, boolean tlsKind,
        boolean nameResolved, boolean tlsCompleted, boolean certHistoryKept, int httpStatus, Failure failure) {
    HintEvidence {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(failure, "failure");
    }

    /** The evidence of {@code result}, a failed run of {@code spec}. */
    static HintEvidence of(ProbeSpec spec, ProbeResult result, boolean certHistoryKept) {
        boolean literal = IpLiterals.isLiteral(spec.host());
        boolean tlsAsked = switch (spec) {
            case HttpSpec http -> "https".equalsIgnoreCase(http.url().getScheme());
            case TlsSpec tls -> true;
        };
        // The probers time the look-up only when they make one; an address given with the probe (--resolve) skips it.
        boolean resolved = !literal && result.phases().resolve() != null
                && result.failure().kind() != FailureKind.DNS;
        return new HintEvidence(spec.host(), spec.port(), literal, tlsAsked, spec instanceof TlsSpec, resolved,
                result.tls() != null, certHistoryKept, result.http() == null ? 0 : result.http().status(),
                result.failure());
    }

    /** {@code host:port}, an IPv6 literal in brackets (a URL's host has them already). */
    String address() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
