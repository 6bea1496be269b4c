package dev.vigil.web;

import java.util.Objects;

/**
 * The agent a row of the list comes from, as the "Where" column shows it and the {@code location=} and {@code shard=}
 * filters select it.
 *
 * @param agent    the agent's name
 * @param location its location, or null
 * @param shard    its shard as told, e.g. {@code 1/3}, or null when it runs every probe
 * @param base     the base URL of a peer's pages (without user info: it goes into links), or null for the agent
 *                 serving the page
 */
public record Where(String agent, String location, String shard, String base) {
    public Where {
        Objects.requireNonNull(agent, "agent");
    }

    /** The agent serving the page, as {@code site} describes it. */
    public static Where of(Site site) {
        return new Where(site.agent(), site.location(), site.shard(), null);
    }

    /** Whether the row is one of a peer's rather than of the agent serving the page. */
    public boolean peer() {
        return base != null;
    }
}
