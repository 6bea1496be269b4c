package dev.vigil.config;

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
 */
public record VigilConfig(Path source, List<ProbeConfig> probes, Outputs outputs, Map<String, ProbeModule> modules,
        DiscoveryConfig discovery) {
    public VigilConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(discovery, "discovery");
        probes = List.copyOf(probes);
        modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
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
