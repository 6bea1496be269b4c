package dev.vigil.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The instant a probe run must be finished by, read against an injected clock. */
public record Deadline(Clock clock, Instant at) {
    /** A deadline {@code timeout} from now. */
    public static Deadline after(Clock clock, Duration timeout) {
        return new Deadline(clock, clock.instant().plus(timeout));
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Time left in whole milliseconds, at least 1 so it can be handed to socket timeouts where 0 means forever. */
    public int remainingMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining().toMillis()));
    }

    public boolean expired() {
        return !clock.instant().isBefore(at);
    }
}
