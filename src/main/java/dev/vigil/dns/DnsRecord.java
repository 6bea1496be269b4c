package dev.vigil.dns;

import java.util.Objects;

/**
 * One resource record of an answer.
 *
 * @param name       the owner name, lowercase, without a trailing dot
 * @param type       its type
 * @param ttlSeconds its TTL as the server sent it: from a recursive resolver, the time left in its cache
 * @param data       A/AAAA: the address as text ({@code 203.0.113.7}, {@code 2001:db8::1}); CNAME/NS: the target name,
 *                   lowercase without a trailing dot; SOA: the primary name server (MNAME)
 */
public record DnsRecord(String name, RecordType type, long ttlSeconds, String data) {
    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
