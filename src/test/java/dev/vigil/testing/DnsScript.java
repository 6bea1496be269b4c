package dev.vigil.testing;

import dev.vigil.dns.DnsRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@link TestDnsServer} answers to one name (and type): a response code and records. With a clock, each TTL
 * counts down from the moment the answer was scripted, as in a recursive resolver's cache, and stops at zero.
 */
record DnsScript(int rcode, List<DnsRecord> answers, List<DnsRecord> authority, Instant scriptedAt) {
    DnsScript {
        answers = List.copyOf(answers);
        authority = List.copyOf(authority);
    }

    List<DnsRecord> answers(Clock clock) {
        return aged(answers, clock);
    }

    List<DnsRecord> authority(Clock clock) {
        return aged(authority, clock);
    }

    private List<DnsRecord> aged(List<DnsRecord> records, Clock clock) {
        if (clock == null) {
            return records;
        }
        long elapsed = Duration.between(scriptedAt, clock.instant()).toSeconds();
        return records.stream()
                .map(r -> new DnsRecord(r.name(), r.type(), Math.max(0, r.ttlSeconds() - elapsed), r.data()))
                .toList();
    }
}
