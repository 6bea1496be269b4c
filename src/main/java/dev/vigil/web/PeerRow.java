package dev.vigil.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A probe of another agent of the fleet as its last answer told it, kept until its next one: what the list filters
 * by, and what is needed to build its row and its DNS in the other locations when they are shown.
 *
 * @param where        the agent that runs it
 * @param name         the probe's name
 * @param url          what it probes
 * @param state        its state as the agent told it
 * @param cause        its firing incident's cause sentence, or null
 * @param lastDuration how long its last run took, or null
 * @param labels       its labels
 * @param runs         its recent runs in the form {@link RecentRuns#saved} writes, or null
 * @param dns          what DNS answered its last run there, or null
 */
public record PeerRow(Where where, String name, String url, ProbeState state, String cause, Duration lastDuration,
        Map<String, String> labels, String runs, DnsSeen dns) implements Listed {
    public PeerRow {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** The same probe with its state unknown: what the agent told is too old to say up or down. */
    public PeerRow unknown() {
        return new PeerRow(where, name, url, ProbeState.UNKNOWN, cause, lastDuration, labels, runs, dns);
    }

    /**
     * The row the list shows.
     *
     * @param stale why what the agent told may be out of date, or null when it answered its last poll
     */
    public ProbeRow row(String stale, Instant now) {
        RunBuckets buckets = runs == null ? RunBuckets.NONE : RecentRuns.restore(runs).snapshot(now);
        return new ProbeRow(name, url, state, cause, lastDuration, labels, buckets, where, stale, List.of());
    }
}
