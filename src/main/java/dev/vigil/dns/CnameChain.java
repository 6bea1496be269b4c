package dev.vigil.dns;

import dev.vigil.time.Durations;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One type's addresses for a host at one server, CNAMEs followed: first within each answer, as a recursive resolver
 * sends the whole chain at once, and by a new query only for a target whose records are missing.
 *
 * @param addresses the addresses of the chain's last name, sorted
 * @param cnames    the targets followed
 * @param ttl       the smallest TTL of the records used; {@link Long#MAX_VALUE} without records
 * @param error     why the chain ended without a full answer, or null
 * @param answered  whether each query got NOERROR or NXDOMAIN
 */
record CnameChain(List<String> addresses, List<String> cnames, long ttl, String error, boolean answered) {
    static final int MAX_HOPS = 8;

    static CnameChain follow(DnsClient client, InetSocketAddress server, String host, RecordType type, long deadline,
            Duration timeout) {
        List<String> cnames = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        String current = host;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new CnameChain(List.of(), cnames, ttl, "no time left of " + Durations.format(timeout)
                        + " to ask " + DnsText.server(server) + " for " + DnsText.question(current, type), false);
            }
            DnsResponse response;
            try {
                response = client.query(server, current, type, Duration.ofNanos(left));
            } catch (DnsException e) {
                return new CnameChain(List.of(), cnames, ttl, e.getMessage(), false);
            }
            String asked = current;
            for (DnsRecord cname = find(response.answers(), current, RecordType.CNAME); cname != null;
                    cname = find(response.answers(), current, RecordType.CNAME)) {
                String target = cname.data();
                if (target.equals(host) || cnames.contains(target)) {
                    List<String> loop = new ArrayList<>(List.of(host));
                    loop.addAll(cnames);
                    loop.add(target);
                    return new CnameChain(List.of(), cnames, ttl,
                            "CNAME loop at " + DnsText.server(server) + ": " + String.join(" → ", loop), true);
                }
                if (cnames.size() == MAX_HOPS) {
                    return new CnameChain(List.of(), cnames, ttl, "CNAME chain from " + host + " longer than "
                            + MAX_HOPS + " at " + DnsText.server(server), true);
                }
                cnames.add(target);
                ttl = Math.min(ttl, cname.ttlSeconds());
                current = target;
            }
            List<String> addresses = new ArrayList<>();
            for (DnsRecord record : response.answers()) {
                if (record.type() == type && record.name().equals(current)) {
                    addresses.add(record.data());
                    ttl = Math.min(ttl, record.ttlSeconds());
                }
            }
            if (!addresses.isEmpty()) {
                return new CnameChain(addresses.stream().sorted().toList(), cnames, ttl, null, true);
            }
            if (response.rcode() != DnsResponse.NOERROR) {
                return new CnameChain(List.of(), cnames, ttl, response.rcodeName() + " from " + DnsText.server(server)
                        + " for " + DnsText.question(current, type), response.rcode() == DnsResponse.NXDOMAIN);
            }
            if (current.equals(asked)) {
                return new CnameChain(List.of(), cnames, ttl, null, true);
            }
        }
    }

    private static DnsRecord find(List<DnsRecord> records, String name, RecordType type) {
        for (DnsRecord record : records) {
            if (record.type() == type && record.name().equals(name)) {
                return record;
            }
        }
        return null;
    }
}
