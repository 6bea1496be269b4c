package dev.vigil.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * What reading objects found: the hosts they route, and the objects or hosts that give no probe.
 *
 * @param routes  the hosts, in the objects' order
 * @param skipped what gives no probe, and why
 */
record Found(List<Route> routes, List<Skipped> skipped) {
    static final Found NOTHING = new Found(List.of(), List.of());

    Found {
        routes = List.copyOf(routes);
        skipped = List.copyOf(skipped);
    }

    /** This and {@code other}, one after the other. */
    Found and(Found other) {
        List<Route> allRoutes = new ArrayList<>(routes);
        allRoutes.addAll(other.routes);
        List<Skipped> allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(other.skipped);
        return new Found(allRoutes, allSkipped);
    }
}
