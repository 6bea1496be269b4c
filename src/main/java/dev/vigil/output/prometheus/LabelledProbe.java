package dev.vigil.output.prometheus;

import dev.vigil.probe.ProbeSpec;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the metrics need of a configured probe: its name, its spec (kind and {@code instance}) and its own labels.
 *
 * @param labels the probe's own labels, sorted by name; none may have a name of {@link #RESERVED_LABELS}
 */
public record LabelledProbe(String name, ProbeSpec spec, Map<String, String> labels) {
    /** Label names Vigil sets on its own series; a probe label of the same name would clash with them. */
    public static final Set<String> RESERVED_LABELS = Set.of("probe", "instance", "job", "phase", "version", "cipher",
            "kind", "fingerprint_sha256", "subject", "issuer", "subjectalternative", "serialnumber", "quantile", "le",
            "domain", "resolver", "address", "names");

    public LabelledProbe {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        // Most probes have no labels of their own: they share the one empty map.
        labels = labels.isEmpty() ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }
}
