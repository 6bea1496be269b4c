package dev.vigil.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds at most {@code capacity} tokens, gains one every {@code refill}, and each request takes one or
 * is refused. Caps the rate of {@code /probe} runs while letting a scrape's burst through. Thread-safe.
 */
final class TokenBucket {
    private final Clock clock;
    private final int capacity;
    private final long refillNanos;
    private double tokens;
    private Instant last;

    TokenBucket(Clock clock, int capacity, Duration refill) {
        if (capacity < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("a token bucket needs a capacity of at least 1 and a positive refill");
        }
        this.clock = clock;
        this.capacity = capacity;
        this.refillNanos = refill.toNanos();
        this.tokens = capacity;
        this.last = clock.instant();
    }

    /** Takes a token if there is one. */
    synchronized boolean tryTake() {
        Instant now = clock.instant();
        long elapsed = Math.max(0, Duration.between(last, now).toNanos());
        tokens = Math.min(capacity, tokens + (double) elapsed / refillNanos);
        last = now.isAfter(last) ? now : last;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
