package dev.vigil.agent;

import dev.vigil.fleet.AgentIdentity;
import dev.vigil.fleet.Shard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's own metrics, under the {@code vigil_} prefix, with {@code vigil_build_info} and the standard
 * {@code process_*} metrics beside them; the probes' series are {@code ProbeMetrics}' job.
 * Names are written the Micrometer way ({@code vigil.probe.runs}) and rendered for Prometheus with their unit and
 * suffix ({@code vigil_probe_runs_total}).
 */
final class AgentMetrics {
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger configured = new AtomicInteger();
    private final AtomicInteger reloadSuccessful = new AtomicInteger();
    private final AtomicLong reloadSuccessEpochSeconds = new AtomicLong();
    private final Timer lag;
    private final Counter runs;
    private final Counter skipped;
    private final MeterRegistry registry;
    /** {@code vigil_agent_info}, registered at the first load of an agent in a fleet; null before, or for none. */
    private Gauge agentInfo;
    /** {@code vigil_shard_info} of the shard in the running config; null for a single agent. */
    private Gauge shardInfo;

    AgentMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("vigil.probes.in.flight", inFlight, AtomicInteger::get)
                .description("Probe runs in progress").register(registry);
        Gauge.builder("vigil.probes.configured", configured, AtomicInteger::get)
                .description("Probes in the running config").register(registry);
        Gauge.builder("vigil.config.last.reload.successful", reloadSuccessful, AtomicInteger::get)
                .description("Whether the last config load or reload attempt succeeded").register(registry);
        Gauge.builder("vigil.config.last.reload.success.timestamp.seconds", reloadSuccessEpochSeconds, AtomicLong::get)
                .description("When the config was last loaded successfully, in unix time").register(registry);
        lag = Timer.builder("vigil.scheduler.lag")
                .description("How late probe runs start after their slot, including waits for a concurrency permit")
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry);
        runs = Counter.builder("vigil.probe.runs").description("Probe runs completed").register(registry);
        BuildInfo build = BuildInfo.current();
        Gauge.builder("vigil.build.info", () -> 1)
                .tags("version", build.version(), "revision", build.revision(), "javaversion", build.javaVersion())
                .description("A metric with a constant '1' value labeled by version, revision and javaversion from"
                        + " which Vigil was built").register(registry);
        ProcessMetrics.register(registry);
        skipped = Counter.builder("vigil.scheduler.skipped.runs")
                .description("Probe runs not started because that probe's previous run was still going, or the "
                        + "scheduler was held up past the slot")
                .register(registry);
    }

    void runStarted(Duration lateBy) {
        lag.record(lateBy.isNegative() ? Duration.ZERO : lateBy);
        inFlight.incrementAndGet();
    }

    void runFinished() {
        inFlight.decrementAndGet();
        runs.increment();
    }

    void skipped(long runs) {
        skipped.increment(runs);
    }

    /**
     * A config was applied, whose agent is {@code agent} and which gave this agent {@code probes} of
     * its own. An agent in a fleet (with a location, shards or replicas) shows {@code vigil_agent_info} with its name
     * and location as they were at start, which are what its series and alerts carry, and {@code vigil_shard_info}
     * of the shard it runs now; a single agent shows neither, so its page stays as it was before fleets.
     */
    synchronized void configLoaded(int probes, AgentIdentity agent) {
        if (agentInfo == null && agent.inFleet()) {
            agentInfo = Gauge.builder("vigil.agent.info", () -> 1)
                    .tags("name", agent.name(), "location", agent.located() ? agent.location() : "")
                    .description("A metric with a constant '1' value labeled by the agent's name and location, as"
                            + " they were at start").register(registry);
        }
        Shard shard = agent.inFleet() ? agent.shard() : null;
        if (shardInfo != null && (shard == null || !shardInfo.getId().getTag("index").equals("" + shard.index())
                || !shardInfo.getId().getTag("count").equals("" + shard.count()))) {
            registry.remove(shardInfo);
            shardInfo = null;
        }
        if (shard != null && shardInfo == null) {
            shardInfo = Gauge.builder("vigil.shard.info", () -> 1)
                    .tags("index", "" + shard.index(), "count", "" + shard.count())
                    .description("A metric with a constant '1' value labeled by the shard this agent runs: its index"
                            + " and the count of shards").register(registry);
        }
        configured.set(probes);
        reloadSuccessful.set(1);
        reloadSuccessEpochSeconds.set(clock.instant().getEpochSecond());
    }

    void configRejected() {
        reloadSuccessful.set(0);
    }
}
