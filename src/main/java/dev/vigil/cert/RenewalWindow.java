package dev.vigil.cert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a certificate is due for renewal: in the last {@code fraction} of its lifetime, or within {@code before} of
 * its expiry, whichever starts first. A new certificate inside this window is a renewal; outside it, a re-issue.
 *
 * @param fraction the closing share of the lifetime, in (0, 1]
 * @param before   the time before expiry
 */
public record RenewalWindow(double fraction, Duration before) {
    /** The last third of the lifetime, or 30 days before expiry. */
    public static final RenewalWindow DEFAULT = new RenewalWindow(1.0 / 3, Duration.ofDays(30));

    public RenewalWindow {
        Objects.requireNonNull(before, "before");
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("renewal window fraction must be in (0, 1], got " + fraction);
        }
        if (before.isNegative()) {
            throw new IllegalArgumentException("renewal window must not be negative");
        }
    }

    /**
     * When {@code cert} becomes due for renewal. The lifetime share is rounded to the second, the precision of a
     * certificate's validity.
     */
    public Instant opensAt(Observation cert) {
        Duration lifetime = Duration.between(cert.notBefore(), cert.notAfter());
        Duration share = Duration.ofSeconds(Math.round(lifetime.toSeconds() * fraction));
        return cert.notAfter().minus(share.compareTo(before) > 0 ? share : before);
    }

    /** Whether {@code cert} is due for renewal {@code at}: inside its window, or already expired. */
    public boolean isDue(Observation cert, Instant at) {
        return !at.isBefore(opensAt(cert));
    }
}
