package dev.vigil.discovery;

import dev.vigil.config.ProbeConfig;
import dev.vigil.lb.LbIngress;
import java.util.List;
import java.util.Objects;

/**
 * A probe made from what the cluster serves.
 *
 * @param probe    the probe, named {@code <kind>/<namespace>/<name>/<host>}
 * @param source   the object it comes from
 * @param expected the load-balancer addresses its host should resolve to, for the DNS check; empty when unknown
 */
public record DiscoveredProbe(ProbeConfig probe, ObjectRef source, List<LbIngress> expected) {
    public DiscoveredProbe {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(source, "source");
        expected = List.copyOf(expected);
    }
}
