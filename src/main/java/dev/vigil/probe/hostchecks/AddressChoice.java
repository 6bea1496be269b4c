package dev.vigil.probe.hostchecks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a run's addresses are probed when there are more than the cap: the one the probe's own request goes to,
 * then the load balancer's, then the rest of what DNS returned, each in the order given. Pure and deterministic, so
 * every run of an unchanged answer probes the same addresses.
 *
 * @param probed    the addresses to probe, in that order
 * @param notProbed how many others there were
 */
record AddressChoice(List<String> probed, int notProbed) {
    AddressChoice {
        probed = List.copyOf(probed);
    }

    /**
     * @param resolved the addresses DNS returned, the request's own first; no duplicates
     * @param expected the load balancer's addresses; no duplicates
     * @param max      the most to probe, at least 1
     */
    static AddressChoice of(List<String> resolved, List<String> expected, int max) {
        Set<String> all = new LinkedHashSet<>();
        if (!resolved.isEmpty()) {
            all.add(resolved.getFirst());
        }
        all.addAll(expected);
        all.addAll(resolved);
        List<String> ordered = new ArrayList<>(all);
        List<String> probed = ordered.subList(0, Math.min(max, ordered.size()));
        return new AddressChoice(probed, ordered.size() - probed.size());
    }
}
