package dev.vigil.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code discovery} section: where probes come from besides the config file, and how the API server is reached.
 *
 * @param apiUrl    the API server; null for in-cluster ({@code KUBERNETES_SERVICE_HOST}/{@code _PORT})
 * @param tokenFile the bearer token's file; null for the service account's
 * @param caFile    the API server's CA bundle; null for the service account's
 * @param sources   the kinds of objects probes are discovered from, in file order
 */
public record DiscoveryConfig(URI apiUrl, Path tokenFile, Path caFile, List<DiscoverySource> sources) {
    /** No discovery. */
    public static final DiscoveryConfig NONE = new DiscoveryConfig(null, null, null, List.of());

    public DiscoveryConfig {
        sources = List.copyOf(sources);
    }

    /** True when there is anything to discover. */
    public boolean enabled() {
        return !sources.isEmpty();
    }
}
