package dev.vigil.dns;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one server says a host's addresses are, CNAMEs followed.
 *
 * @param addresses  the A and AAAA addresses at the end of the CNAME chain, as text, sorted
 * @param cnames     the CNAME targets followed, in order
 * @param ttlSeconds the smallest TTL of the records that made the answer; 0 without records
 * @param took       how long all its queries took
 * @param error      why there is no full answer (NXDOMAIN, SERVFAIL, no answer in time, a CNAME loop, no records),
 *                   naming the server and question; null when the addresses are the answer
 * @param answered   whether the server answered every query with NOERROR or NXDOMAIN: false after a timeout, a
 *                   SERVFAIL, a REFUSED or a malformed reply, when another resolver may know better
 */
public record AddressAnswer(List<String> addresses, List<String> cnames, long ttlSeconds, Duration took, String error,
        boolean answered) {
    public AddressAnswer {
        addresses = List.copyOf(addresses);
        cnames = List.copyOf(cnames);
        Objects.requireNonNull(took, "took");
    }
}
