package dev.vigil.state;

import dev.vigil.cert.EndpointHistory;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything Vigil keeps across restarts, as one value: what the state file holds.
 *
 * @param endpoints each endpoint's certificate history, by {@link dev.vigil.cert.Endpoint#key()}
 */
public record VigilState(Map<String, EndpointHistory> endpoints) {
    /** The version of the state file format this Vigil writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public VigilState {
        endpoints = Collections.unmodifiableSortedMap(new TreeMap<>(endpoints));
    }

    /** A state with nothing in it, as on a first start. */
    public static VigilState empty() {
        return new VigilState(Map.of());
    }
}
