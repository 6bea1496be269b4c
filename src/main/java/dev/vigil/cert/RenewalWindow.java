package dev.vigil.cert;

import java.time.Duration;
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
}
