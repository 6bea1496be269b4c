package dev.vigil.agent;

import dev.vigil.cert.CertEventSink;
import dev.vigil.cert.CertStatus;
import dev.vigil.cert.CertTracker;
import dev.vigil.cert.CtLookup;
import dev.vigil.cert.Endpoint;
import dev.vigil.cert.EndpointHistory;
import dev.vigil.config.ProbeConfig;
import dev.vigil.lb.KubernetesPods;
import dev.vigil.probe.ProbeResult;
import dev.vigil.state.StatePart;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent's certificate history: the tracker every probe result goes through, with the Certificate Transparency
 * lookups it starts on threads of their own. Its histories are its piece of the state file ({@link #part()}).
 */
final class Certificates implements AutoCloseable {
    /** The most endpoints whose histories a probe's page shows; a probe that followed redirects may reach many. */
    static final int ENDPOINTS_SHOWN = 8;

    private final ExecutorService ctQueries = Executors.newVirtualThreadPerTaskExecutor();
    private final IngressRestarts restarts;
    private final CertTracker tracker;
    private final StatePart part;

    /**
     * @param loaded what the state file held: each endpoint's history
     * @param events where certificate events go
     */
    Certificates(Map<String, EndpointHistory> loaded, Clock clock, CertEventSink events, CtLookup ct) {
        tracker = new CertTracker(loaded, clock, events, ct, ctQueries);
        restarts = new IngressRestarts(new KubernetesPods(), clock);
        part = StatePart.certificates(tracker);
    }

    /**
     * Records the certificate a run of {@code probe} saw, if any; returns what is known about it afterwards, a churn
     * told with the restarts of the probe's ingress pods when it names them.
     */
    CertStatus record(ProbeConfig probe, ProbeResult result) {
        return served(probe, result)
                .map(endpoint -> tracker.record(probe.name(), endpoint, probe.cert(), result.tls()))
                .map(status -> restarts.told(probe.name(), probe.cert().ingressPods(), status))
                .orElse(CertStatus.UNKNOWN);
    }

    /**
     * The certificate histories of the endpoints {@code probe} reached: the one that served {@code result}, its last
     * run, first, then the newest; at most {@value #ENDPOINTS_SHOWN}, with how many there are.
     */
    CertTracker.Reached histories(ProbeConfig probe, ProbeResult result) {
        return tracker.reachedBy(probe.name(), served(probe, result).orElse(null), ENDPOINTS_SHOWN);
    }

    /** The endpoint a run of {@code probe} ended at: its last redirect's. */
    private static Optional<Endpoint> served(ProbeConfig probe, ProbeResult result) {
        URI finalUrl = result.http() == null ? null : result.http().finalUrl();
        return Endpoint.servedAt(finalUrl, probe.spec().url());
    }

    /** The histories as a part of the state file. */
    StatePart part() {
        return part;
    }

    /** Certificate Transparency queries that failed since start. */
    long ctErrors() {
        return tracker.ctErrors();
    }

    /** Stops the CT lookups and pod reads in flight; what they found so far stays recorded. */
    @Override
    public void close() {
        ctQueries.shutdownNow();
        restarts.close();
    }
}
