package dev.vigil.cert;

import dev.vigil.probe.TlsFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one handshake does to an endpoint's history: the observation it adds or refreshes, the changes and expiry
 * warning it reports, and what is forgotten. Pure over the history, the handshake, the settings and the time.
 */
final class HistoryUpdate {
    /** Every certificate seen within this span is kept, longer than the CA's 168-hour limits look back. */
    public static final Duration KEEP_OBSERVATIONS = Duration.ofDays(8);
    /** The most changes kept per endpoint. */
    public static final int KEEP_CHANGES = 50;

    /**
     * The history after the handshake, and the events it is worth.
     *
     * @param history        the new history
     * @param events         changes and expiry warnings, in that order
     * @param newCertificate whether the handshake showed a certificate other than the current one
     */
    public record Outcome(EndpointHistory history, List<CertEvent> events, boolean newCertificate) {
    }

    private HistoryUpdate() {
    }

    /** Records that {@code probe} saw {@code tls} at the history's endpoint {@code at}. */
    public static Outcome seen(EndpointHistory history, String probe, TlsFacts tls, CertSettings settings, Instant at) {
        Observation seen = Observation.of(tls, at);
        Observation before = history.current();
        List<Observation> observations = new ArrayList<>(history.observations());
        List<CertEvent> events = new ArrayList<>();
        List<CertChange> changes = new ArrayList<>(history.changes());
        Integer warned = history.expiryWarned();
        boolean newCertificate = before == null || !before.sameCertificate(seen);
        if (newCertificate) {
            // A certificate served before and coming back (another replica, a rollback) counts as new from now on.
            observations.removeIf(o -> o.sameCertificate(seen));
            observations.add(seen);
            warned = null;
            if (before != null) {
                for (CertChange change : ChangeClassifier.classify(before, seen, settings.renewalWindow())) {
                    changes.add(change);
                    events.add(new CertEvent(change.kind().id(), change.severity(), probe, history.endpoint(), before,
                            seen, change.message(), at));
                }
            }
        } else {
            observations.set(observations.size() - 1, before.seenAgain(at, tls.verified()));
        }
        Observation current = observations.getLast();
        Optional<ExpiryWarning> due = ExpiryWarnings.due(settings.expiryWarningDays(), current, warned, at);
        if (due.isPresent()) {
            warned = due.get().thresholdDays();
            events.add(new CertEvent(CertEvent.EXPIRING, due.get().severity(), probe, history.endpoint(), null, current,
                    due.get().message(), at));
        }
        Instant forgetBefore = at.minus(KEEP_OBSERVATIONS);
        observations.removeIf(o -> o != current && o.lastSeen().isBefore(forgetBefore));
        Set<String> probes = history.probes();
        if (!probes.contains(probe)) {
            probes = new TreeSet<>(probes);
            probes.add(probe);
        }
        boolean sameNames = before != null && before.sans().equals(current.sans());
        EndpointHistory next = new EndpointHistory(history.endpoint(), probes, observations,
                changes.subList(Math.max(0, changes.size() - KEEP_CHANGES), changes.size()), warned,
                sameNames ? history.ctQueriedAt() : null, sameNames ? history.ctIssuances() : List.of(),
                sameNames ? history.ctFailure() : null);
        return new Outcome(next, events, newCertificate);
    }
}
