package dev.vigil.web;

import java.time.Duration;
import java.util.Collections;
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
 */
public record ProbeRow(String name, String url, ProbeState state, String cause, Duration lastDuration,
        Map<String, String> labels, RunBuckets runs) implements Listed {
    public ProbeRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(runs, "runs");
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
}
