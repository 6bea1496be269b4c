package dev.vigil.config;

import dev.vigil.fleet.AgentIdentity;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded, fully validated config.
 *
 * @param source the file it was read from
 * @param probes  the probes in file order; empty only when there are {@code modules}
 * @param outputs where results go besides {@code /metrics}
 * @param modules the probe templates {@code /probe} runs, by name in file order
 * @param discovery where further probes are discovered; {@link DiscoveryConfig#NONE} when nowhere
 * @param agent     who the agent is, with the command line's overrides applied: its name, location and shard
 */
public record VigilConfig(Path source, List<ProbeConfig> probes, Outputs outputs, Map<String, ProbeModule> modules,
        DiscoveryConfig discovery, AgentIdentity agent) {
    /** The identity of a config built without one: a single agent without a location. */
    public static final AgentIdentity SINGLE = AgentIdentity.single("vigil");

    public VigilConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(agent, "agent");
        probes = List.copyOf(probes);
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    }

    /** A config of a single agent without a location. */
    public VigilConfig(Path source, List<ProbeConfig> probes, Outputs outputs, Map<String, ProbeModule> modules,
            DiscoveryConfig discovery) {
        this(source, probes, outputs, modules, discovery, SINGLE);
    }

    /** The probes of {@link #probes()} that are this agent's to run: its shard's. */
    public List<ProbeConfig> ownProbes() {
        return agent.shard().count() == 1 ? probes : probes.stream().filter(p -> agent.shard().owns(p.name())).toList();
    }

    /** A config without discovery. */
    public VigilConfig(Path source, List<ProbeConfig> probes, Outputs outputs, Map<String, ProbeModule> modules) {
        this(source, probes, outputs, modules, DiscoveryConfig.NONE);
    }

    /** A config without {@code /probe} modules. */
    public VigilConfig(Path source, List<ProbeConfig> probes, Outputs outputs) {
        this(source, probes, outputs, Map.of());
    }
}
