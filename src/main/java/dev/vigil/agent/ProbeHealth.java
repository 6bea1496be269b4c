package dev.vigil.agent;

import dev.vigil.probe.ProbeResult;
import dev.vigil.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Whether a probe is up, since when, and how many runs in a row failed. {@link #after} is a pure step from one
 * result to the next, and {@link #change} says what, if anything, is worth one log line.
 *
 * @param up       true up, false down, null before the first run
 * @param since    when the current state began (the start of the run that entered it)
 * @param failures consecutive failed runs, 0 while up
 */
record ProbeHealth(Boolean up, Instant since, int failures) {
    static final ProbeHealth UNKNOWN = new ProbeHealth(null, null, 0);

    /** The health once {@code result} is in. */
    ProbeHealth after(ProbeResult result) {
        boolean nowUp = result.success();
        boolean same = up != null && up == nowUp;
        Instant start = same ? since : result.startedAt();
        return new ProbeHealth(nowUp, start, nowUp ? 0 : failures + 1);
    }

    /**
     * The log line for the step from {@code before} to {@code after}: a probe going down (including one that is down
     * on its very first run) or coming back up. Nothing while the state holds, and nothing for a first run that is up.
     */
    static Optional<String> change(String probe, String url, ProbeHealth before, ProbeHealth after, ProbeResult result) {
        if (before.up() != null && before.up().equals(after.up()) || before.up() == null && after.up()) {
            return Optional.empty();
        }
        if (!after.up()) {
            return Optional.of("probe " + probe + " is DOWN: " + result.failure().kind().id() + ": "
                    + result.failure().message() + " (" + url + ")");
        }
        Duration down = Duration.between(before.since(), result.startedAt()).truncatedTo(ChronoUnit.SECONDS);
        return Optional.of("probe " + probe + " is UP again after " + before.failures() + " failed run"
                + (before.failures() == 1 ? "" : "s") + ", down for " + Durations.format(down) + " (" + url + ")");
    }
}
