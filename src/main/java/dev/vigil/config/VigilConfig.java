package dev.vigil.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded, fully validated config.
 *
 * @param source the file it was read from
 * @param probes  the probes in file order, never empty
 * @param outputs where results go besides {@code /metrics}
 */
public record VigilConfig(Path source, List<ProbeConfig> probes, Outputs outputs) {
    public VigilConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outputs, "outputs");
        probes = List.copyOf(probes);
    }
}
