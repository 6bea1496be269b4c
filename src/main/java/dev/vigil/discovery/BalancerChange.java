package dev.vigil.discovery;

import dev.vigil.lb.LbIngress;
import dev.vigil.time.Durations;
import dev.vigil.time.Moments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Judges a change of a load balancer's addresses (a Service's or an Ingress's {@code status.loadBalancer}, a
 * Gateway's {@code status.addresses}) against what DNS answers now for the hosts that used it, and says it as the
 * alert at the source: which balancer, old and new address, when, the hosts still resolving to the old one, and how
 * long clients keep it after the records are fixed. Pure; the watch that sees the change and the DNS look-ups that
 * answer for the hosts gather its inputs.
 */
public final class BalancerChange {
    /** Hosts named in a sentence; the rest are counted. */
    static final int NAMED_HOSTS = 3;

    /**
     * What DNS answers now for one host that used the balancer.
     *
     * @param host      the host
     * @param addresses the addresses (or, for a CNAME to a balancer's name, that name) it resolves to
     * @param ttl       the longest TTL of the records answered
     * @param error     why DNS gave no answer for it (a timeout, SERVFAIL), as said to the user; null when it answered
     */
    public record HostAnswer(String host, Set<String> addresses, Duration ttl, String error) {
        public HostAnswer {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(ttl, "ttl");
            addresses = Set.copyOf(addresses);
        }

        /** A host DNS answered for. */
        public HostAnswer(String host, Set<String> addresses, Duration ttl) {
            this(host, addresses, ttl, null);
        }

        /** A host DNS could not be asked about: no addresses are known for it, old or new. */
        public static HostAnswer failed(String host, String error) {
            return new HostAnswer(host, Set.of(), Duration.ZERO, Objects.requireNonNull(error, "error"));
        }
    }

    /** What the change means. */
    public sealed interface Judgement {
        /** Nothing to say: the addresses are the same, or there were none to compare with. */
        record Unchanged() implements Judgement {
        }

        /**
         * The balancer has new addresses.
         *
         * @param sentence  the alert, e.g. {@code load balancer of kube-system/traefik changed from ...}
         * @param stale     the hosts still resolving to an old address, sorted
         * @param unchecked the hosts DNS gave no answer for, sorted: neither stale nor fixed as far as is known
         */
        record Moved(String sentence, List<String> stale, List<String> unchecked) implements Judgement {
            public Moved {
                stale = List.copyOf(stale);
                unchecked = List.copyOf(unchecked);
            }
        }

        /**
         * The balancer (its Service, Ingress or Gateway) is gone.
         *
         * @param sentence  the alert
         * @param stale     the hosts still resolving to its last addresses, sorted
         * @param unchecked the hosts DNS gave no answer for, sorted
         */
        record Gone(String sentence, List<String> stale, List<String> unchecked) implements Judgement {
            public Gone {
                stale = List.copyOf(stale);
                unchecked = List.copyOf(unchecked);
            }
        }
    }

    private BalancerChange() {
    }

    /**
     * @param balancer what the addresses belong to, e.g. {@code kube-system/traefik}
     * @param before   its addresses before the change
     * @param after    its addresses now; null when it was deleted
     * @param at       when the change was seen
     * @param answers  what DNS answers now for each host that used it
     */
    public static Judgement judge(String balancer, List<LbIngress> before, List<LbIngress> after, Instant at,
            List<HostAnswer> answers) {
        Set<String> old = addresses(before);
        if (old.isEmpty()) {
            return new Judgement.Unchanged();
        }
        if (after != null) {
            Set<String> now = addresses(after);
            old.removeAll(now);
            if (old.isEmpty() || now.isEmpty()) {
                // Only added addresses, or a balancer between two addresses: no host can point at a gone one yet.
                return new Judgement.Unchanged();
            }
        }
        List<HostAnswer> sorted = answers.stream().sorted(Comparator.comparing(HostAnswer::host)).toList();
        List<HostAnswer> unchecked = sorted.stream().filter(a -> a.error() != null).toList();
        List<HostAnswer> stale = sorted.stream()
                .filter(a -> a.error() == null && a.addresses().stream().anyMatch(old::contains)).toList();
        String oldText = String.join(", ", old);
        String what = after == null
                ? "load balancer of " + balancer + " was deleted at " + Moments.minute(at) + " (it had " + oldText + ")"
                : "load balancer of " + balancer + " changed from " + oldText + " to "
                        + String.join(", ", addresses(after)) + " at " + Moments.minute(at);
        List<String> clauses = new ArrayList<>();
        int answered = sorted.size() - unchecked.size();
        if (!stale.isEmpty()) {
            clauses.add(stale(stale, oldText));
        } else if (sorted.isEmpty()) {
            clauses.add("no host is known to use it");
        } else if (answered > 0) {
            clauses.add("none of the " + answered + " host(s) DNS answered for resolves to " + oldText + " any more");
        }
        if (!unchecked.isEmpty()) {
            clauses.add("DNS gave no answer for " + unchecked.size() + " host(s), which may still resolve to "
                    + oldText + " (" + String.join("; ", named(unchecked, a -> a.host() + ": " + a.error())) + ")");
        }
        String sentence = what + "; " + String.join("; ", clauses);
        List<String> staleNames = stale.stream().map(HostAnswer::host).toList();
        List<String> uncheckedNames = unchecked.stream().map(HostAnswer::host).toList();
        return after == null ? new Judgement.Gone(sentence, staleNames, uncheckedNames)
                : new Judgement.Moved(sentence, staleNames, uncheckedNames);
    }

    private static String stale(List<HostAnswer> stale, String old) {
        Duration ttl = stale.stream().map(HostAnswer::ttl).max(Comparator.naturalOrder()).orElseThrow();
        return stale.size() + (stale.size() == 1 ? " host still resolves to " : " hosts still resolve to ") + old
                + " (" + String.join(", ", named(stale, HostAnswer::host)) + "); records have TTL "
                + Durations.human(ttl.toSeconds()) + ", so clients keep the old address for up to "
                + Durations.human(ttl.toSeconds()) + " after the records are fixed";
    }

    /** The first {@value #NAMED_HOSTS} of {@code answers} as {@code text} says each, then how many more. */
    private static List<String> named(List<HostAnswer> answers, Function<HostAnswer, String> text) {
        List<String> named = new ArrayList<>(answers.stream().limit(NAMED_HOSTS).map(text).toList());
        if (answers.size() > NAMED_HOSTS) {
            named.add("… " + (answers.size() - NAMED_HOSTS) + " more");
        }
        return named;
    }

    /** The addresses of {@code entries}, each entry's IP or else its name, in order. */
    public static Set<String> addresses(List<LbIngress> entries) {
        Set<String> addresses = new LinkedHashSet<>();
        entries.forEach(e -> addresses.add(e.ip() != null ? e.ip() : e.hostname()));
        return addresses;
    }
}
