package dev.vigil.web;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of the list.
 *
 * @param name         the probe's name
 * @param url          what it probes
 * @param state        up, down or not run yet
 * @param cause        the summary of its firing alert, the incident's cause sentence; null when none fires
 * @param lastDuration how long its last run took; null before the first
 * @param labels       its labels
 * @param runs         its runs of the last 24 hours
 * @param where        the agent that runs it; null for the agent serving the page
 * @param stale        why what is shown may be out of date (a peer that does not answer), or null
 * @param elsewhere    what DNS answered the probe at each agent of the fleet that runs it, for its page; empty in the
 *                     list
 */
public record ProbeRow(String name, String url, ProbeState state, String cause, Duration lastDuration,
        Map<String, String> labels, RunBuckets runs, Where where, String stale, List<SeenFrom> elsewhere)
        implements Listed {
    public ProbeRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(runs, "runs");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        elsewhere = List.copyOf(elsewhere);
    }

    /** A row of the agent serving the page. */
    public ProbeRow(String name, String url, ProbeState state, String cause, Duration lastDuration,
            Map<String, String> labels, RunBuckets runs) {
        this(name, url, state, cause, lastDuration, labels, runs, null, null, List.of());
    }

    /** The same row with what DNS answered at each agent of the fleet. */
    public ProbeRow withElsewhere(List<SeenFrom> seen) {
        return new ProbeRow(name, url, state, cause, lastDuration, labels, runs, where, stale, seen);
    }
}
