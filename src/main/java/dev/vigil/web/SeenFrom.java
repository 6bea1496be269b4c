package dev.vigil.web;

import java.util.Objects;

/**
 * What DNS answered a probe at one agent of the fleet, for its page's section on each location.
 *
 * @param where the agent
 * @param stale why that answer may be out of date, or null
 * @param dns   the answers of the agent's last run of the probe, or null when it has none
 */
public record SeenFrom(Where where, String stale, DnsSeen dns) {
    public SeenFrom {
        Objects.requireNonNull(where, "where");
    }
}
