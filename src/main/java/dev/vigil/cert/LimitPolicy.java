package dev.vigil.cert;

import java.time.Duration;
import java.util.Objects;

/**
 * A CA rate limit on new certificates, and when Vigil warns about it.
 *
 * @param capacity the most certificates in a burst (bucket size, or the count allowed per window)
 * @param refill   how often one token returns ({@link LimitMode#TOKEN_BUCKET})
 * @param mode     how the limit is modelled
 * @param window   the window of {@link LimitMode#FIXED_WINDOW}; also the span "issued in the window" is counted over
 * @param warnAt   warn when this many certificates or fewer are left; critical at none
 */
public record LimitPolicy(int capacity, Duration refill, LimitMode mode, Duration window, int warnAt) {
    /** Let's Encrypt's "New Certificates per Exact Set of Identifiers": 5, one back every 34 hours. */
    public static final LimitPolicy EXACT_SET = new LimitPolicy(5, Duration.ofHours(34), LimitMode.TOKEN_BUCKET,
            Duration.ofHours(168), 2);
    /** Let's Encrypt's "New Certificates per Registered Domain": 50, one back every 202 minutes. */
    public static final LimitPolicy REGISTERED_DOMAIN = new LimitPolicy(50, Duration.ofMinutes(202),
            LimitMode.TOKEN_BUCKET, Duration.ofHours(168), 10);

    public LimitPolicy {
        Objects.requireNonNull(refill, "refill");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(window, "window");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        if (refill.isZero() || refill.isNegative() || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("refill and window must be positive");
        }
        if (warnAt < 0 || warnAt >= capacity) {
            throw new IllegalArgumentException("warnAt must be between 0 and " + (capacity - 1) + ", got " + warnAt);
        }
    }
}
