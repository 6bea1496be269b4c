package dev.vigil.web;

import dev.vigil.probe.DnsFacts;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What DNS answered a probe's last run at one agent, compact enough to be sent to and kept by the other agents: each
 * resolver's addresses against the load balancer's, with the TTL.
 *
 * @param host     the name asked
 * @param ranAt    when the run started
 * @param expected the load balancer's addresses; empty when unknown or not configured
 * @param answers  each resolver's answer
 */
public record DnsSeen(String host, Instant ranAt, List<String> expected, List<Answer> answers) {
    public DnsSeen {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ranAt, "ranAt");
        expected = List.copyOf(expected);
        answers = List.copyOf(answers);
    }

    /**
     * One resolver's answer.
     *
     * @param resolver   the server asked
     * @param addresses  the addresses it answered, empty with an error
     * @param error      why it gave none, or null
     * @param ttlSeconds the TTL of the answer when the run asked
     * @param matches    whether the addresses are the load balancer's; null when there is nothing to compare
     */
    public record Answer(String resolver, List<String> addresses, String error, long ttlSeconds, Boolean matches) {
        public Answer {
            Objects.requireNonNull(resolver, "resolver");
            addresses = List.copyOf(addresses);
        }
    }

    /** The DNS facts of a run that started at {@code ranAt}. */
    public static DnsSeen of(DnsFacts dns, Instant ranAt) {
        return new DnsSeen(dns.host(), ranAt, dns.expected(), dns.answers().stream().map(answer -> new Answer(
                answer.resolver(), answer.addresses(), answer.error(), answer.ttlSeconds(),
                matches(dns.expected(), answer))).toList());
    }

    /** A table cell saying {@link #matches}: yes, no (marked down), or a dash when there was nothing to compare. */
    static String matchCell(Boolean matches) {
        return matches == null ? "&ndash;" : matches ? "yes" : "<strong class=\"state down\">no</strong>";
    }

    /** Whether {@code answer} gave only load balancer addresses; null without addresses to compare. */
    static Boolean matches(List<String> expected, DnsFacts.ResolverAnswer answer) {
        if (expected.isEmpty() || answer.error() != null) {
            return null;
        }
        return expected.containsAll(answer.addresses()) && !answer.addresses().isEmpty();
    }
}
