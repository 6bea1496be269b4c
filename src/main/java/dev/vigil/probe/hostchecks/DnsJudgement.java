package dev.vigil.probe.hostchecks;

import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Whether DNS points at the load balancer, and whether a name's addresses agree on a certificate. Pure. */
public final class DnsJudgement {
    private DnsJudgement() {
    }

    /**
     * True when the load balancer's addresses are known ({@code expected} is not empty) and some resolver that
     * answered returns an address that is not among them, whether instead of them or besides them.
     */
    public static boolean lbMismatch(List<ResolverAnswer> answers, List<String> expected) {
        return !stale(answers, expected).isEmpty();
    }

    /**
     * The answers, in order, that return addresses other than {@code expected}; empty when {@code expected} is, since
     * nothing is known to be stale then. Resolvers that failed to answer are not stale; one that answered for one
     * address family and failed for the other (some resolvers refuse AAAA questions) is judged on what it answered.
     */
    public static List<StaleAnswer> stale(List<ResolverAnswer> answers, List<String> expected) {
        if (expected.isEmpty()) {
            return List.of();
        }
        Set<String> current = Addresses.keys(expected);
        return answers.stream()
                .map(a -> new StaleAnswer(a.resolver(), a.authoritative(),
                        a.addresses().stream().filter(address -> !Addresses.in(address, current)).toList(), a.ttlSeconds()))
                .filter(s -> !s.addresses().isEmpty())
                .toList();
    }

    /** True when two or more addresses completed a handshake and served certificates with different fingerprints. */
    public static boolean splitBrain(List<AddressCheck> resolved) {
        return resolved.stream()
                .map(AddressCheck::sha256)
                .filter(Objects::nonNull)
                .map(sha256 -> sha256.toLowerCase(Locale.ROOT))
                .distinct()
                .count() > 1;
    }
}
