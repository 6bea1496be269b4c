package dev.vigil.output;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Time for one webhook: attempts at least {@code minInterval} apart (Slack takes about one message per second per
 * webhook), and waits between them. Clock and sleeper are injected so tests run on a fake clock. Used by one thread.
 */
public final class Pacing {
    /** Slack's rate for incoming webhooks. */
    public static final Duration ONE_PER_SECOND = Duration.ofSeconds(1);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration minInterval;
    private Instant lastAttempt;

    public Pacing(Clock clock, Sleeper sleeper, Duration minInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    }

    /** Real time, one attempt per second. */
    public static Pacing realTime() {
        return new Pacing(Clock.systemUTC(), Sleeper.REAL, ONE_PER_SECOND);
    }

    /** Waits until {@code minInterval} has passed since the previous attempt began, then counts this one as begun. */
    public void awaitTurn() throws InterruptedException {
        if (lastAttempt != null) {
            Duration left = Duration.between(clock.instant(), lastAttempt.plus(minInterval));
            if (left.isPositive()) {
                sleeper.sleep(left);
            }
        }
        lastAttempt = clock.instant();
    }

    /** Waits {@code duration}, e.g. a backoff or a receiver's {@code Retry-After}. */
    public void await(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }
}
