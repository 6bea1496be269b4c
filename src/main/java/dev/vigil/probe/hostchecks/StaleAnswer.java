package dev.vigil.probe.hostchecks;

import java.util.List;

/**
 * A resolver's answer that includes addresses which are not the load balancer's.
 *
 * @param resolver      the server asked, as in {@link dev.vigil.probe.DnsFacts.ResolverAnswer#resolver()}
 * @param authoritative whether it is one of the zone's authoritative servers
 * @param addresses     the addresses it answered that are not the load balancer's, as it answered them
 * @param ttlSeconds    how long the stale answer may live: for a recursive resolver, the time left before it asks
 *                      again; for an authoritative server, the record's full TTL, i.e. how long a cache may keep the
 *                      old address after the record is fixed
 */
public record StaleAnswer(String resolver, boolean authoritative, List<String> addresses, long ttlSeconds) {
    public StaleAnswer {
        addresses = List.copyOf(addresses);
    }
}
