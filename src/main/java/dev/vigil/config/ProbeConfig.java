package dev.vigil.config;

import dev.vigil.cert.CertSettings;
import dev.vigil.output.prometheus.LabelledProbe;
import dev.vigil.probe.ProbeSpec;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One configured probe: what to run, how often, how to label its results, and how to track its certificates.
 *
 * @param name     unique probe name, {@code [A-Za-z0-9._-]+}
 * @param interval time between runs, at least the spec's timeout
 * @param labels   extra metric labels, sorted by name
 * @param spec     the probe with every default applied
 * @param cert     certificate tracking with every default applied; {@link CertSettings#DEFAULT} when not configured
 */
public record ProbeConfig(String name, Duration interval, Map<String, String> labels, ProbeSpec spec, CertSettings cert) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** Label names Vigil sets on its own series; a probe label of the same name would clash with them. */
    public static final Set<String> RESERVED_LABELS = LabelledProbe.RESERVED_LABELS;

    public ProbeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(cert, "cert");
        // Most probes have no labels of their own: they share the one empty map.
        labels = labels.isEmpty() ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** What the metrics need of this probe. */
    public LabelledProbe labelled() {
        return new LabelledProbe(name, spec, labels);
    }
}
