package dev.vigil.probe.hostchecks;

import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.time.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What to say when DNS answers addresses that are not the load balancer's: what is wrong and what to do, which caches
 * still hold the old address, and for how long.
 */
final class MismatchSentences {
    private final DnsFacts facts;
    private final List<StaleAnswer> stale;
    private final List<String> old;

    /** {@code stale} is {@link DnsJudgement#stale} of the facts and must not be empty. */
    MismatchSentences(DnsFacts facts, List<StaleAnswer> stale) {
        this.facts = facts;
        this.stale = stale;
        this.old = stale.stream().flatMap(s -> s.addresses().stream()).distinct().toList();
    }

    /**
     * The one sentence that says what is wrong and what to do, e.g. {@code api.example.com resolves to 198.51.100.4
     * but the load balancer (static) is 203.0.113.7: update the A record.}
     */
    String headline() {
        String lb = "the load balancer" + (facts.expectedSource() == null ? "" : " (" + facts.expectedSource() + ")");
        String expected = Words.and(facts.expected());
        Set<String> current = Addresses.keys(facts.expected());
        boolean partly = answered().anyMatch(a -> a.addresses().stream().anyMatch(address -> Addresses.in(address, current))
                && a.addresses().stream().anyMatch(address -> !Addresses.in(address, current)));
        String problem = partly
                ? facts.host() + " resolves to " + Words.and(old) + " as well as " + lb + " " + expected
                : facts.host() + " resolves to " + Words.and(old) + " but " + lb + " is " + expected;
        String action = recordFixed() ? "wait for the resolvers' caches to expire"
                : partly ? "remove " + Words.and(old) + " from the " + records()
                : "update the " + records();
        return problem + ": " + action + ".";
    }

    /**
     * Which caches still hold the old address and for how long, then how long any client may keep it after the fix.
     */
    List<String> caches() {
        List<String> sentences = new ArrayList<>();
        List<StaleAnswer> recursive = stale.stream().filter(s -> !s.authoritative()).toList();
        if (recordFixed()) {
            sentences.add(catchingUp(recursive));
        } else {
            recursive.forEach(s -> sentences.add(Words.capitalized(Words.server(s.resolver(), false)) + " still answers "
                    + Words.and(s.addresses()) + " for another " + Durations.human(s.ttlSeconds()) + "."));
        }
        if (facts.recordTtlSeconds() != null) {
            String ttl = Durations.human(facts.recordTtlSeconds());
            sentences.add("The record's TTL is " + ttl + ": clients may keep the old address" + (old.size() > 1 ? "es" : "")
                    + " for up to " + ttl + " after the fix.");
        }
        return sentences;
    }

    /** E.g. {@code The authoritative servers already answer 203.0.113.7; resolver 10.0.0.2:53 will catch up within 47m 3s.} */
    private String catchingUp(List<StaleAnswer> recursive) {
        List<String> current = answered().filter(ResolverAnswer::authoritative)
                .flatMap(a -> a.addresses().stream()).distinct().toList();
        long longest = recursive.stream().mapToLong(StaleAnswer::ttlSeconds).max().orElseThrow();
        return "The authoritative servers already answer " + Words.and(current) + "; resolver"
                + (recursive.size() > 1 ? "s " : " ") + Words.and(recursive.stream().map(StaleAnswer::resolver).toList())
                + " will catch up within " + Durations.human(longest) + ".";
    }

    /** The record is fixed when authoritative servers answered addresses and none of them is stale. */
    private boolean recordFixed() {
        return answered().anyMatch(ResolverAnswer::authoritative) && stale.stream().noneMatch(StaleAnswer::authoritative);
    }

    /** The answers that returned addresses, those that failed for the other address family included. */
    private Stream<ResolverAnswer> answered() {
        return facts.answers().stream().filter(a -> !a.addresses().isEmpty());
    }

    /** The records that hold the old addresses: {@code A record}, {@code AAAA record} or {@code A and AAAA records}. */
    private String records() {
        boolean v6 = old.stream().anyMatch(Addresses::ipv6);
        boolean v4 = !old.stream().allMatch(Addresses::ipv6);
        return v4 && v6 ? "A and AAAA records" : v6 ? "AAAA record" : "A record";
    }
}
