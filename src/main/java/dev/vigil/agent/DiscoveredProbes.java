package dev.vigil.agent;

import dev.vigil.config.DiscoveryConfig;
import dev.vigil.config.ProbeConfig;
import dev.vigil.config.VigilConfig;
import dev.vigil.discovery.DiscoveredProbe;
import dev.vigil.discovery.Discoverer;
import dev.vigil.discovery.Discovery;
import dev.vigil.discovery.Skipped;
import dev.vigil.fleet.Shard;
import dev.vigil.lb.KubernetesServiceReader;
import dev.vigil.lb.LbIngress;
import dev.vigil.lb.ListWatch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running agent's discovered probes: follows the config's {@code discovery} section with a {@link Discoverer},
 * and {@link #SETTLE} after what it holds changed, decides the probes again and asks the agent to apply them (a relist
 * of thousands of objects is then one change, not thousands). Each newly skipped object or host is logged once with
 * why. The deciding thread exists only while a section is followed, and sleeps until a change: a sidecar without
 * discovery pays nothing for it. Thread-safe.
 */
final class DiscoveredProbes implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DiscoveredProbes.class.getName());
    /** How often changes are gathered into one: an ADDED event's probe runs within about this long. */
    static final Duration SETTLE = Duration.ofMillis(500);

    private final Runnable apply;
    /** Runs {@link #settle}; only while a section is followed. */
    private ScheduledExecutorService settler;
    private DiscoveryConfig following = DiscoveryConfig.NONE;
    private Discoverer discoverer;
    private List<ProbeConfig> probes = List.of();
    private Set<String> skipped = Set.of();

    /**
     * @param apply    applies the configured probes and {@link #probes()} again; called from {@link #settle}
     * @param registry where {@code vigil_discovery_probes} and {@code vigil_discovery_skipped} are registered
     */
    DiscoveredProbes(Runnable apply, MeterRegistry registry) {
        this.apply = apply;
        Gauge.builder("vigil.discovery.probes", this, d -> d.probes().size())
                .description("Probes discovery found, run beside the configured ones").register(registry);
        Gauge.builder("vigil.discovery.skipped", this, DiscoveredProbes::skippedCount)
                .description("Objects or hosts discovery skips: a bad annotation, no host to probe, opted out, or a"
                        + " host already probed; vigil discover says why").register(registry);
        Gauge.builder("vigil.discovery.failing", this, DiscoveredProbes::failingCount)
                .description("Collections discovery cannot list or watch now (the log says why, e.g. a missing RBAC"
                        + " rule); their probes stay as last found").register(registry);
    }

    private synchronized int failingCount() {
        return discoverer == null ? 0 : discoverer.failing();
    }

    private synchronized int skippedCount() {
        return skipped.size();
    }

    /**
     * Follows {@code config} from now on: a new section (each reload reads one) starts anew and lists everything again.
     * The probes found so far stay until that list says otherwise, so a reload does not cut their history; without
     * discovery they go at once.
     */
    synchronized void follow(DiscoveryConfig config) {
        if (config == following) {
            return;
        }
        stop();
        following = config;
        if (!config.enabled()) {
            probes = List.of();
            skipped = Set.of();
        } else {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("vigil-discovery").daemon().factory());
            // A flag per section: one left set by a section no longer followed must not hold back the next one's.
            AtomicBoolean changed = new AtomicBoolean();
            settler = thread;
            discoverer = new Discoverer(config, ListWatch.Limits.DEFAULT, System::getenv,
                    KubernetesServiceReader.SERVICE_ACCOUNT_DIR, ListWatch.Pause.REAL, () -> changedOn(thread, changed));
            discoverer.start();
        }
    }

    /** The discovered probes as last decided. */
    synchronized List<ProbeConfig> probes() {
        return probes;
    }

    /** The load balancers the followed section's objects name, with their addresses; empty until all are listed. */
    synchronized Optional<Map<String, List<LbIngress>>> balancers() {
        return discoverer == null || !discoverer.listed() ? Optional.empty() : Optional.of(discoverer.balancers());
    }

    /**
     * The probes of {@code config} that are this agent's to run: its shard's configured probes, then its shard's
     * discovered ones. Discovery keeps every probe it finds, so a shard changed by a reload takes its share at once.
     */
    List<ProbeConfig> after(VigilConfig config) {
        List<ProbeConfig> all = new ArrayList<>(config.ownProbes());
        Shard shard = config.agent().shard();
        probes().stream().filter(probe -> shard.owns(probe.name())).forEach(all::add);
        return all;
    }

    /** Marks a change and, unless one is already due, settles it on {@code thread} once {@link #SETTLE} has passed. */
    private void changedOn(ScheduledExecutorService thread, AtomicBoolean changed) {
        if (!changed.getAndSet(true)) {
            try {
                thread.schedule(() -> settleLogged(changed), SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The section is no longer followed: its changes no longer matter.
            }
        }
    }

    /** {@link #settle}, with a failure logged: the scheduled executor would drop it silently. */
    private void settleLogged(AtomicBoolean changed) {
        try {
            settle(changed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "discovered probes could not be applied: " + e);
        }
    }

    /** If anything changed since the last call, decides the probes again and, when they differ, applies them. */
    private void settle(AtomicBoolean changed) {
        if (!changed.getAndSet(false)) {
            return;
        }
        boolean differ;
        synchronized (this) {
            if (discoverer == null || !discoverer.listed()) {
                return; // the last list to arrive marks a change again
            }
            Discovery.Result result = discoverer.current();
            List<ProbeConfig> now = result.probes().stream().map(DiscoveredProbe::probe).toList();
            differ = !now.equals(probes);
            probes = now;
            Set<String> seen = new HashSet<>();
            for (Skipped skip : result.skipped()) {
                String line = skip.describe();
                seen.add(line);
                if (!skipped.contains(line)) {
                    LOG.log(Level.WARNING, "discovery skips " + line);
                }
            }
            skipped = seen;
        }
        if (differ) {
            apply.run();
        }
    }

    private void stop() {
        if (discoverer != null) {
            discoverer.close();
            discoverer = null;
        }
        if (settler != null) {
            settler.shutdownNow();
            settler = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
