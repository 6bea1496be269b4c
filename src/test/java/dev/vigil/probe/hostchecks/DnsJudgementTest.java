package dev.vigil.probe.hostchecks;

import static dev.vigil.probe.hostchecks.Dns.NEW;
import static dev.vigil.probe.hostchecks.Dns.NS1;
import static dev.vigil.probe.hostchecks.Dns.OLD;
import static dev.vigil.probe.hostchecks.Dns.RESOLVER;
import static dev.vigil.probe.hostchecks.Dns.authoritative;
import static dev.vigil.probe.hostchecks.Dns.failed;
import static dev.vigil.probe.hostchecks.Dns.ok;
import static dev.vigil.probe.hostchecks.Dns.recursive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsJudgementTest {
    @ParameterizedTest(name = "{0}: answers [{1}], load balancer [{2}] -> mismatch {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "match                | 203.0.113.7                | 203.0.113.7                 | false",
            "stale in full        | 198.51.100.4               | 203.0.113.7                 | true",
            "stale in part        | 198.51.100.4;203.0.113.7   | 203.0.113.7                 | true",
            "one of two LB IPs    | 203.0.113.7                | 203.0.113.7;203.0.113.8     | false",
            "load balancer unknown| 198.51.100.4               | -                           | false",
            "no addresses         | -                          | 203.0.113.7                 | false",
            "IPv6 spellings       | 2001:DB8:0:0:0:0:0:7       | 2001:db8::7                 | false",
            "IPv6 bracketed       | 2001:db8::7                | [2001:db8::7]               | false",
            "IPv4-mapped IPv6     | ::ffff:203.0.113.7         | 203.0.113.7                 | false",
            "IPv6 stale           | 2001:db8::4                | 2001:db8::7                 | true",
            "not an IPv6 address  | fe80::zz                   | FE80::ZZ                    | false",
    })
    void lbMismatch(String name, String answered, String expected, boolean mismatch) {
        assertEquals(mismatch, DnsJudgement.lbMismatch(List.of(recursive(60, list(answered).toArray(String[]::new))),
                list(expected)));
    }

    @Test
    void resolversThatFailedAreNotStale() {
        assertFalse(DnsJudgement.lbMismatch(List.of(failed(RESOLVER, "SERVFAIL"), recursive("10.0.0.3:53", 60, NEW)),
                List.of(NEW)));
    }

    @Test
    void aResolverThatFailedForOneFamilyIsJudgedOnTheOther() {
        var refusedAaaa = new ResolverAnswer(RESOLVER, false, List.of(OLD), List.of(), 60, Duration.ZERO,
                "REFUSED from " + RESOLVER + " for api.example.com AAAA");
        assertEquals(List.of(new StaleAnswer(RESOLVER, false, List.of(OLD), 60)),
                DnsJudgement.stale(List.of(refusedAaaa), List.of(NEW)));
    }

    @Test
    void staleAnswersSayForHowLong() {
        var answers = List.of(recursive(2823, OLD, NEW), recursive("10.0.0.3:53", 300, NEW), authoritative(3600, OLD));
        assertEquals(List.of(new StaleAnswer(RESOLVER, false, List.of(OLD), 2823), new StaleAnswer(NS1, true, List.of(OLD), 3600)),
                DnsJudgement.stale(answers, List.of(NEW)));
    }

    @ParameterizedTest(name = "fingerprints [{0}] -> split brain {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-               | false",
            "aa11            | false",
            "aa11;aa11       | false",
            "aa11;AA11       | false",
            "aa11;null       | false",
            "aa11;bb22       | true",
            "aa11;aa11;bb22  | true",
    })
    void splitBrain(String fingerprints, boolean splitBrain) {
        List<AddressCheck> checks = list(fingerprints).stream()
                .map(sha256 -> ok("192.0.2.1", "null".equals(sha256) ? null : sha256))
                .toList();
        assertEquals(splitBrain, DnsJudgement.splitBrain(checks));
    }

    private static List<String> list(String semicolonSeparated) {
        return semicolonSeparated == null ? List.of() : Arrays.asList(semicolonSeparated.split(";"));
    }
}
