package dev.vigil.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS handshake showed: protocol, cipher, the chain as the server sent it (leaf first) and whether it verified.
 *
 * @param version     protocol as blackbox_exporter writes it, e.g. {@code TLS 1.3}
 * @param cipher      negotiated cipher suite
 * @param verified    the chain verified against the trust store and the host name; never true for an insecure probe
 * @param verifyError why it did not verify, or null when it did
 * @param chain       the certificates the server sent, leaf first
 */
public record TlsFacts(String version, String cipher, boolean verified, String verifyError, List<CertificateFacts> chain) {
    public TlsFacts {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(cipher, "cipher");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS handshake always yields at least the leaf certificate");
        }
    }

    public CertificateFacts leaf() {
        return chain.getFirst();
    }

    /** The soonest notAfter over every certificate sent (blackbox_exporter's {@code probe_ssl_earliest_cert_expiry}). */
    public Instant earliestExpiry() {
        return chain.stream().map(CertificateFacts::notAfter).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** Whole days until the earliest expiry, negative once expired. */
    public long daysLeft(Clock clock) {
        return daysUntil(earliestExpiry(), clock);
    }

    /** Whole days until the leaf expires, negative once expired. */
    public long leafDaysLeft(Clock clock) {
        return daysUntil(leaf().notAfter(), clock);
    }

    /** Whole days from now until {@code instant}, rounded down, so "0 days" means less than a day is left. */
    public static long daysUntil(Instant instant, Clock clock) {
        return Math.floorDiv(Duration.between(clock.instant(), instant).toSeconds(), 86_400L);
    }
}
