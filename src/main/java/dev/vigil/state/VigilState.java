package dev.vigil.state;

import dev.vigil.alert.AlertBook;
import dev.vigil.alert.AlertState;
import dev.vigil.alert.Notification;
import dev.vigil.alert.PendingNotification;
import dev.vigil.cert.EndpointHistory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything Vigil keeps across restarts, as one value: what the state file holds. Its pieces belong to different
 * parts of the agent: the certificate histories ({@link #endpoints()}) to the certificate tracker, the rest
 * ({@link #alertBook()}) to the alerting; {@link StateFile} puts them together.
 *
 * @param endpoints    each endpoint's certificate history, by {@link dev.vigil.cert.Endpoint#key()}
 * @param alerts       the alerts of the probes, at most one per probe and condition, in order
 * @param outbox       notifications not yet delivered to their routes, in the order they are to go
 * @param nextSequence the sequence the next notification gets: above every one in the outbox, so sequences keep
 *                     increasing across restarts
 * @param incidents    the last firing or reminder message of each alert that fires, for {@code vigil why}
 * @param recentRuns   each probe's runs of the last day as the status page counts them, by probe name, in the text
 *                     form the page's ring writes (opaque here); empty in a file from before the status page
 */
public record VigilState(Map<String, EndpointHistory> endpoints, List<AlertState> alerts,
        List<PendingNotification> outbox, long nextSequence, List<Notification> incidents,
        Map<String, String> recentRuns) {
    /** The version of the state file format this Vigil writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** @throws IllegalArgumentException when two alerts are of one probe and condition or a sequence is out of order */
    public VigilState {
        endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(endpoints));
        recentRuns = Collections.unmodifiableSortedMap(new TreeMap<>(recentRuns));
        AlertBook checked = new AlertBook(alerts, outbox, nextSequence, incidents);
        alerts = checked.alerts();
        outbox = checked.outbox();
        incidents = checked.incidents();
    }

    /** A state without recent runs. */
    public VigilState(Map<String, EndpointHistory> endpoints, List<AlertState> alerts,
            List<PendingNotification> outbox, long nextSequence, List<Notification> incidents) {
        this(endpoints, alerts, outbox, nextSequence, incidents, Map.of());
    }

    /** A state with no incident told. */
    public VigilState(Map<String, EndpointHistory> endpoints, List<AlertState> alerts,
            List<PendingNotification> outbox, long nextSequence) {
        this(endpoints, alerts, outbox, nextSequence, List.of());
    }

    /** A state with nothing in it, as on a first start. */
    public static VigilState empty() {
        return new VigilState(Map.of(), List.of(), List.of(), 1);
    }

    /** The alerting's piece: alerts, outbox, next sequence and incidents. */
    public AlertBook alertBook() {
        return new AlertBook(alerts, outbox, nextSequence, incidents);
    }

    /** This state with {@code endpoints} in place of its certificate histories. */
    public VigilState withEndpoints(Map<String, EndpointHistory> endpoints) {
        return new VigilState(endpoints, alerts, outbox, nextSequence, incidents, recentRuns);
    }

    /** This state with {@code alerts}, {@code outbox} and {@code nextSequence} in place of its own, and no incidents. */
    public VigilState withAlerts(List<AlertState> alerts, List<PendingNotification> outbox, long nextSequence) {
        return new VigilState(endpoints, alerts, outbox, nextSequence, List.of(), recentRuns);
    }

    /** This state with {@code book}'s alerts, outbox, next sequence and incidents in place of its own. */
    public VigilState withAlerts(AlertBook book) {
        return new VigilState(endpoints, book.alerts(), book.outbox(), book.nextSequence(), book.incidents(),
                recentRuns);
    }

    /** This state with {@code runs} in place of its recent runs. */
    public VigilState withRecentRuns(Map<String, String> runs) {
        return new VigilState(endpoints, alerts, outbox, nextSequence, incidents, runs);
    }
}
