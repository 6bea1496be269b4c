package dev.vigil.agent;

import dev.vigil.cert.CertStatus;
import dev.vigil.lb.IngressPods;
import dev.vigil.lb.KubernetesPods;
import dev.vigil.lb.LbLookupException;
import dev.vigil.lb.PodStarts;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * When the ingress controller's pods of a probe with {@code cert.ingressPods} (re)started, told in its churn: read
 * from the API server only while the probe's certificate shows churn, at most once per {@link #MIN_INTERVAL} per probe,
 * on a thread of its own. The run that starts a read waits for it at most {@link #WAIT}, then goes on with what the
 * last read found; a read that failed leaves the churn without restarts, and is logged once until a read works again.
 */
final class IngressRestarts implements AutoCloseable {
    private static final Logger LOG = System.getLogger("dev.vigil.agent");
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    /** The most one read may take, body included. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long the run that starts a read waits for it: long enough for an API server that answers (tens of
     * milliseconds), so the first churn warning tells the restarts; short, because the run waits while it records its
     * result, which a config reload waits for. A slower read serves the next run.
     */
    static final Duration WAIT = Duration.ofSeconds(1);

    private final KubernetesPods reader;
    private final Clock clock;
    private final ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();

    IngressRestarts(KubernetesPods reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * {@code status}, its churn told with the restarts of {@code pods} (a setting of {@code probe}; null when it has
     * none) when a read of them found any that preceded a re-issue.
     */
    CertStatus told(String probe, IngressPods pods, CertStatus status) {
        if (pods == null) {
            probes.remove(probe);
            return status;
        }
        if (status.churn() == null) {
            return status;
        }
        Probe state = probes.compute(probe, (name, old) -> old != null && old.pods.equals(pods) ? old
                : new Probe(name, pods));
        await(state.readIfDue(clock.instant()));
        List<PodStarts> starts = state.starts();
        return starts == null ? status : status.withChurn(status.churn().withRestarts(starts));
    }

    private static void await(Future<?> read) {
        if (read == null) {
            return;
        }
        try {
            read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // A read still under way serves a later run; its failure is logged where it happens.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One probe's pods: when they were last asked for, and what that found. */
    private final class Probe {
        private final String name;
        private final IngressPods pods;
        private Instant askedAt;
        private Future<?> read;
        /** What the last read found; null before one, or after one failed. */
        private List<PodStarts> starts;
        private boolean failing;

        Probe(String name, IngressPods pods) {
            this.name = name;
            this.pods = pods;
        }

        /** The read started now, if one is due and none is under way; else null. */
        synchronized Future<?> readIfDue(Instant now) {
            boolean due = askedAt == null || !now.isBefore(askedAt.plus(MIN_INTERVAL));
            if (!due || read != null && !read.isDone()) {
                return null;
            }
            askedAt = now;
            try {
                read = reads.submit(this::read);
            } catch (RejectedExecutionException e) {
                return null; // the agent is stopping
            }
            return read;
        }

        synchronized List<PodStarts> starts() {
            return starts;
        }

        private void read() {
            try {
                List<PodStarts> found = reader.read(pods, READ_TIMEOUT);
                synchronized (this) {
                    if (failing) {
                        LOG.log(Level.INFO, "probe " + name + ": reading its ingress pods works again");
                    }
                    starts = found;
                    failing = false;
                }
            } catch (LbLookupException e) {
                synchronized (this) {
                    if (!failing) {
                        LOG.log(Level.WARNING, "probe " + name + ": cannot read its ingress pods (cert.ingressPods), "
                                + "so its churn warning does not say when they restarted: " + e.getMessage());
                    }
                    starts = null;
                    failing = true;
                }
            }
        }
    }

    /** Stops the reads under way and releases the API clients. */
    @Override
    public void close() {
        reads.shutdownNow();
        reader.close();
    }
}
