package dev.vigil.state;

import dev.vigil.alert.AlertState;
import dev.vigil.alert.PendingNotification;
import dev.vigil.cert.EndpointHistory;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything Vigil keeps across restarts, as one value: what the state file holds.
 *
 * @param endpoints    each endpoint's certificate history, by {@link dev.vigil.cert.Endpoint#key()}
 * @param alerts       the alerts of the probes, at most one per probe and condition, in order
 * @param outbox       notifications not yet delivered to their routes, in the order they are to go
 * @param nextSequence the sequence the next notification gets: above every one in the outbox, so sequences keep
 *                     increasing across restarts
 */
public record VigilState(Map<String, EndpointHistory> endpoints, List<AlertState> alerts,
        List<PendingNotification> outbox, long nextSequence) {
    /** The version of the state file format this Vigil writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** @throws IllegalArgumentException when two alerts are of one probe and condition or a sequence is out of order */
    public VigilState {
        endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(endpoints));
        alerts = List.copyOf(alerts);
        outbox = List.copyOf(outbox);
        Set<List<Object>> seen = new HashSet<>();
        for (AlertState alert : alerts) {
            if (!seen.add(List.of(alert.probe(), alert.condition()))) {
                throw new IllegalArgumentException("two " + alert.condition().id() + " alerts of the probe "
                        + alert.probe());
            }
        }
        if (nextSequence < 1) {
            throw new IllegalArgumentException("the next sequence must be at least 1, not " + nextSequence);
        }
        for (PendingNotification pending : outbox) {
            if (pending.notification().sequence() >= nextSequence) {
                throw new IllegalArgumentException("the pending notification " + pending.notification().sequence()
                        + " is not below the next sequence " + nextSequence);
            }
        }
    }

    /** A state with nothing in it, as on a first start. */
    public static VigilState empty() {
        return new VigilState(Map.of(), List.of(), List.of(), 1);
    }

    /** This state with {@code endpoints} in place of its certificate histories. */
    public VigilState withEndpoints(Map<String, EndpointHistory> endpoints) {
        return new VigilState(endpoints, alerts, outbox, nextSequence);
    }

    /** This state with {@code alerts}, {@code outbox} and {@code nextSequence} in place of its own. */
    public VigilState withAlerts(List<AlertState> alerts, List<PendingNotification> outbox, long nextSequence) {
        return new VigilState(endpoints, alerts, outbox, nextSequence);
    }
}
