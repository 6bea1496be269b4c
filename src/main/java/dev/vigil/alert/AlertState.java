package dev.vigil.alert;

import dev.vigil.cert.Severity;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert of one probe, as the state file keeps it across restarts.
 *
 * @param probe        the probe
 * @param condition    what it is about
 * @param firing       whether it has fired and not yet resolved
 * @param failures     consecutive failing runs up to now
 * @param successes    consecutive passing runs up to now
 * @param firingSince  when the first failing run of the current streak came, kept while the alert fires; null when
 *                     neither failing nor firing
 * @param lastFiringAt when a firing, reminder or event message was last sent for it; null when never
 * @param severity     the highest severity of the current failing streak, or of the last one; null when never failing
 * @see AlertMachine
 */
public record AlertState(String probe, Condition condition, boolean firing, int failures, int successes,
        Instant firingSince, Instant lastFiringAt, Severity severity) {
    public AlertState {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(condition, "condition");
    }

    /** A condition never seen failing. */
    public static AlertState quiet(String probe, Condition condition) {
        return new AlertState(probe, condition, false, 0, 0, null, null, null);
    }
}
