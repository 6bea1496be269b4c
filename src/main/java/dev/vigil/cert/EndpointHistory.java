package dev.vigil.cert;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything Vigil remembers about one endpoint's certificates. Immutable: recording a handshake makes a new one.
 *
 * @param endpoint      where the certificates are served
 * @param probes        names of the probes that reach this endpoint, sorted
 * @param observations  certificates seen, oldest first; the last one is the current certificate
 * @param changes       changes seen, oldest first
 * @param expiryWarned  the smallest expiry-warning threshold, in days, already reported for the current certificate;
 *                      null when none was
 * @param ctQueriedAt   when Certificate Transparency logs were last asked about the current names; null when never
 * @param ctIssuances   certificates for the current names found in Certificate Transparency logs
 * @param ctFailure     why Certificate Transparency logs could not be asked about the current names since their last
 *                      answer, and since when; null when they answered last or were never asked
 */
public record EndpointHistory(
        Endpoint endpoint,
        Set<String> probes,
        List<Observation> observations,
        List<CertChange> changes,
        Integer expiryWarned,
        Instant ctQueriedAt,
        List<Issuance> ctIssuances,
        CtFailure ctFailure) {

    /** The class of the sets this constructor makes, which no other code in Vigil makes (see the constructor). */
    private static final Class<?> FROZEN = Collections.unmodifiableSortedSet(new TreeSet<String>()).getClass();

    public EndpointHistory {
        Objects.requireNonNull(endpoint, "endpoint");
        // Each run of each probe at the endpoint makes a new history: a set this constructor made before is taken as
        // it is rather than copied, since copying thousands of names per run was a fifth of the agent's CPU at
        // 10,000 probes of one endpoint (issue 17). Only this constructor makes such views, each of a copy of its own.
        probes = FROZEN.isInstance(probes) ? probes : Collections.unmodifiableSortedSet(new TreeSet<>(probes));
        observations = List.copyOf(observations);
        changes = List.copyOf(changes);
        ctIssuances = List.copyOf(ctIssuances);
    }

    /** Nothing seen yet at {@code endpoint}. */
    public static EndpointHistory empty(Endpoint endpoint) {
        return new EndpointHistory(endpoint, Set.of(), List.of(), List.of(), null, null, List.of(), null);
    }

    /** This history after CT logs answered about its current names at {@code at} with {@code found}. */
    EndpointHistory ctAnswered(Instant at, List<Issuance> found) {
        return new EndpointHistory(endpoint, probes, observations, changes, expiryWarned, at, found, null);
    }

    /** This history after CT logs could not be asked about its current names: failing since the first failure. */
    EndpointHistory ctFailed(CtFailure failure) {
        return new EndpointHistory(endpoint, probes, observations, changes, expiryWarned, ctQueriedAt, ctIssuances,
                ctFailure == null ? failure : ctFailure.then(failure));
    }

    /** The certificate seen last, or null when none was. */
    public Observation current() {
        return observations.isEmpty() ? null : observations.getLast();
    }
}
