package dev.vigil.probe.hostchecks;

import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import java.time.Duration;
import java.util.List;

/** Test data in the words of the incident: a recreated load balancer, an old address, stale caches. */
final class Dns {
    static final String HOST = "api.example.com";
    static final String OLD = "198.51.100.4";
    static final String NEW = "203.0.113.7";
    static final String SOURCE = "kubernetes service ingress/traefik";
    static final String RESOLVER = "10.0.0.2:53";
    static final String NS1 = "ns1.example.net (203.0.113.53:53)";
    static final String OLD_SHA = "cd34" + "0".repeat(60);
    static final String NEW_SHA = "ab12" + "f".repeat(60);

    private Dns() {
    }

    static ResolverAnswer recursive(long ttlSeconds, String... addresses) {
        return recursive(RESOLVER, ttlSeconds, addresses);
    }

    static ResolverAnswer recursive(String resolver, long ttlSeconds, String... addresses) {
        return new ResolverAnswer(resolver, false, List.of(addresses), List.of(), ttlSeconds, Duration.ofMillis(3), null);
    }

    static ResolverAnswer authoritative(long ttlSeconds, String... addresses) {
        return new ResolverAnswer(NS1, true, List.of(addresses), List.of(), ttlSeconds, Duration.ofMillis(20), null);
    }

    static ResolverAnswer failed(String resolver, String error) {
        return new ResolverAnswer(resolver, false, List.of(), List.of(), 0, Duration.ofSeconds(2), error);
    }

    static ResolverAnswer authoritativeFailed(String error) {
        return new ResolverAnswer(NS1, true, List.of(), List.of(), 0, Duration.ofSeconds(2), error);
    }

    static AddressCheck ok(String address, String sha256) {
        return new AddressCheck(address, null, sha256);
    }

    static AddressCheck failing(String address, FailureKind kind, String message) {
        return new AddressCheck(address, new Failure(kind, message), null);
    }

    /** Facts with the load balancer at {@link #NEW}, as Kubernetes says, and the record's TTL at one hour. */
    static DnsFacts facts(List<ResolverAnswer> answers, List<AddressCheck> direct, List<AddressCheck> resolved) {
        return facts(List.of(NEW), answers, direct, resolved);
    }

    /** Facts with the load balancer at {@code expected}, as Kubernetes says, and the record's TTL at one hour. */
    static DnsFacts facts(List<String> expected, List<ResolverAnswer> answers, List<AddressCheck> direct,
            List<AddressCheck> resolved) {
        return new DnsFacts(HOST, answers, expected, SOURCE, null, direct, resolved, 3600L,
                DnsJudgement.lbMismatch(answers, expected), DnsJudgement.splitBrain(resolved));
    }

    /** Facts of a probe whose load balancer could not be found out, for {@code why}. */
    static DnsFacts unknown(String why, List<ResolverAnswer> answers) {
        return new DnsFacts(HOST, answers, List.of(), SOURCE, why, List.of(), List.of(), 3600L, false, false);
    }

    /** Facts of a probe with no load balancer configured, only the name's addresses probed. */
    static DnsFacts unchecked(List<ResolverAnswer> answers, List<AddressCheck> resolved) {
        return new DnsFacts(HOST, answers, List.of(), null, null, List.of(), resolved, null, false,
                DnsJudgement.splitBrain(resolved));
    }
}
