package dev.vigil.output;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a {@link RouteQueue} retries one notification: exponential backoff
 * ({@code firstBackoff}, doubling, at most {@code maxWait}), no jitter since one agent sends alone; a receiver's
 * {@code Retry-After} is honoured but also capped at {@code maxWait}.
 *
 * @param maxAttempts  attempts per notification before the queue stalls, at least 1
 * @param firstBackoff the wait after the first failed attempt
 * @param maxWait      the longest wait between two attempts
 */
public record Retries(int maxAttempts, Duration firstBackoff, Duration maxWait) {
    /** Five attempts over about half a minute: 2 s, 4 s, 8 s, 16 s. */
    public static final Retries DEFAULT = new Retries(5, Duration.ofSeconds(2), Duration.ofMinutes(5));

    public Retries {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1 for the first) that ended in {@code outcome}. */
    public Duration waitAfter(int attempt, Outcome outcome) {
        Duration wait = outcome.retryAfter() != null ? outcome.retryAfter()
                : firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
