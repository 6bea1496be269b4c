package dev.vigil.agent;

import dev.vigil.config.ProbeConfig;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One probe in the schedule: its config, when it is next due (at its phase), whether a run is in flight, and its health.
 * A reload that leaves a probe's config unchanged keeps this object, and with it the schedule and the history.
 */
final class ScheduledProbe {
    final ProbeConfig config;
    /** Shared with the entry that replaces this one on a reload, so the old and new config never run at once. */
    final AtomicBoolean running;
    private Instant nextDue;
    private ProbeHealth health = ProbeHealth.UNKNOWN;

    ScheduledProbe(ProbeConfig config, Instant now, AtomicBoolean running) {
        this.config = config;
        this.running = running;
        this.nextDue = PhaseOffset.firstSlot(now, config.interval(), PhaseOffset.of(config.name(), config.interval()));
    }

    String name() {
        return config.name();
    }

    Instant nextDue() {
        return nextDue;
    }

    void dueAgainAt(Instant at) {
        nextDue = at;
    }

    synchronized ProbeHealth health() {
        return health;
    }

    /** Replaces the health and returns the one it replaced; runs of one probe never overlap, but scrapes read it. */
    synchronized ProbeHealth health(ProbeHealth next) {
        ProbeHealth previous = health;
        health = next;
        return previous;
    }
}
