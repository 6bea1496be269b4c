package dev.vigil.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one probe run. Failures are data: {@link #failure()} is null exactly when the run succeeded.
 *
 * @param startedAt when the run began
 * @param duration  wall time of the whole run
 * @param failure   why it failed, or null
 * @param http      the final response, or null when none arrived
 * @param tls       the certificate chain and handshake, or null for plain HTTP or when no handshake completed far enough
 * @param phases    time per phase
 * @param dns       what the DNS and load-balancer checks found, or null when the probe has none
 * @param diagnosis sentences saying what is wrong and what to do, for a failed run; empty when there is nothing to add
 * @param address   the address the run connected to, or tried to (the first one its resolution chose, as
 *                  blackbox_exporter's {@code probe_ip_addr_hash} hashes it), even when the connection then failed;
 *                  null when the run got no address
 */
public record ProbeResult(Instant startedAt, Duration duration, Failure failure, HttpFacts http, TlsFacts tls,
        Phases phases, DnsFacts dns, List<String> diagnosis, InetAddress address) {
    public ProbeResult {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(phases, "phases");
        diagnosis = List.copyOf(diagnosis);
    }

    /** A run whose address is not known: one that never got as far, or one made up for a test. */
    public ProbeResult(Instant startedAt, Duration duration, Failure failure, HttpFacts http, TlsFacts tls,
            Phases phases, DnsFacts dns, List<String> diagnosis) {
        this(startedAt, duration, failure, http, tls, phases, dns, diagnosis, null);
    }

    public boolean success() {
        return failure == null;
    }
}
