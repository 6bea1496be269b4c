package dev.vigil.dns;

import java.net.InetSocketAddress;
import java.util.stream.Stream;

/**
 * Finds the zone a name is in by asking a recursive resolver for its SOA: a NOERROR or NXDOMAIN answer carries the
 * zone's SOA, in the answer section at the apex and in the authority section below it. Failing that (a CNAME, a
 * SERVFAIL, a server that leaves the SOA out), the parent is asked, up to the top-level domain.
 */
final class ZoneApex {
    private ZoneApex() {
    }

    static String find(DnsClient client, InetSocketAddress resolver, String host, long deadline) throws DnsException {
        String last = "no SOA record";
        for (String name = host; !name.isEmpty(); name = DnsNames.parent(name)) {
            String asked = name;
            DnsResponse soa = client.query(resolver, asked, RecordType.SOA, DnsLookup.left(deadline));
            boolean alias = soa.answers().stream()
                    .anyMatch(r -> r.type() == RecordType.CNAME && r.name().equals(asked));
            boolean answered = soa.rcode() == DnsResponse.NOERROR || soa.rcode() == DnsResponse.NXDOMAIN;
            if (answered && !alias) {
                var apex = Stream.concat(soa.answers().stream(), soa.authority().stream())
                        .filter(r -> r.type() == RecordType.SOA && !r.name().isEmpty()
                                && DnsNames.isWithin(asked, r.name()))
                        .map(DnsRecord::name).findFirst();
                if (apex.isPresent()) {
                    return apex.get();
                }
            }
            last = alias ? asked + " is an alias" : soa.rcodeName() + " for " + asked;
        }
        throw new DnsException("no zone found for " + host + " at " + DnsText.server(resolver) + " (last: " + last
                + ")");
    }
}
