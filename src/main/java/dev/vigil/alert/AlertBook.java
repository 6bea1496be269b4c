package dev.vigil.alert;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the alerting keeps across restarts: its piece of the state file.
 *
 * @param alerts       the alerts of the probes, at most one per probe and condition, in order
 * @param outbox       notifications not yet delivered to their routes, in the order they are to go
 * @param nextSequence the sequence the next notification gets: above every one in the outbox, so sequences keep
 *                     increasing across restarts
 * @param incidents    the last firing or reminder message of each alert that fires, at most one per probe and
 *                     condition: what {@code vigil why} tells
 */
public record AlertBook(List<AlertState> alerts, List<PendingNotification> outbox, long nextSequence,
        List<Notification> incidents) {
    /** @throws IllegalArgumentException when two alerts are of one probe and condition or a sequence is out of order */
    public AlertBook {
        alerts = List.copyOf(alerts);
        outbox = List.copyOf(outbox);
        incidents = List.copyOf(incidents);
        Set<List<Object>> seen = new HashSet<>();
        for (AlertState alert : alerts) {
            if (!seen.add(List.of(alert.probe(), alert.condition()))) {
                throw new IllegalArgumentException("two " + alert.condition().id() + " alerts of the probe "
                        + alert.probe());
            }
        }
        Set<List<Object>> told = new HashSet<>();
        for (Notification incident : incidents) {
            if (!told.add(List.of(incident.probe(), incident.condition()))) {
                throw new IllegalArgumentException("two " + incident.condition().id() + " incidents of the probe "
                        + incident.probe());
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

    /** Alerts and an outbox with no incident told. */
    public AlertBook(List<AlertState> alerts, List<PendingNotification> outbox, long nextSequence) {
        this(alerts, outbox, nextSequence, List.of());
    }

    /** No alerts, nothing pending, sequences starting at 1: a first start. */
    public static AlertBook empty() {
        return new AlertBook(List.of(), List.of(), 1);
    }
}
