package dev.vigil.agent;

import java.time.Instant;

/**
 * A run the schedule says should start now.
 *
 * @param probe  the probe
 * @param dueAt  the slot it belongs to; the lag is measured from here
 * @param missed slots that passed unrun before this one because the scheduler itself was held up
 */
record DueRun(ScheduledProbe probe, Instant dueAt, long missed) {
}
