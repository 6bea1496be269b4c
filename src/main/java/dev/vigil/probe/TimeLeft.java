package dev.vigil.probe;

import java.time.Duration;

/** The timeout a spec derived during a run gets ({@link ProbeSpec#pinnedTo}, {@link ProbeSpec#unchecked}). */
final class TimeLeft {
    private TimeLeft() {
    }

    /** What is left of the run's time, at least a millisecond: a spec's timeout must be positive. */
    static Duration positive(Duration timeout) {
        return timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout;
    }
}
