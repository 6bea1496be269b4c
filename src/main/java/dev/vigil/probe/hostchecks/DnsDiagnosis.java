package dev.vigil.probe.hostchecks;

import dev.vigil.probe.DnsFacts.AddressCheck;
import dev.vigil.probe.DnsFacts.ResolverAnswer;
import dev.vigil.probe.DnsFacts;
import dev.vigil.probe.Failure;
import dev.vigil.probe.FailureKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's DNS and load-balancer facts put into words a tired person can act on, and the failure the run reports.
 * Pure: the verdicts are recomputed from the answers and checks with {@link DnsJudgement}, so they cannot disagree
 * with the sentences.
 */
final class DnsDiagnosis {
    private static final int FINGERPRINT_CHARS = 12;

    private DnsDiagnosis() {
    }

    /**
     * The failure to report: {@link FailureKind#DNS_LB_MISMATCH} when DNS answers addresses other than the load
     * balancer's, else {@link FailureKind#SPLIT_BRAIN} when the name's addresses serve different certificates, else
     * {@code normal}.
     *
     * @param normal the normal probe's failure, or null when it passed
     */
    public static Failure failure(Failure normal, DnsFacts facts) {
        List<StaleAnswer> stale = DnsJudgement.stale(facts.answers(), facts.expected());
        if (!stale.isEmpty()) {
            return new Failure(FailureKind.DNS_LB_MISMATCH, message(new MismatchSentences(facts, stale).headline()));
        }
        if (DnsJudgement.splitBrain(facts.resolved())) {
            return new Failure(FailureKind.SPLIT_BRAIN, message(splitBrain(facts)));
        }
        return normal;
    }

    /**
     * Why a run fails for want of an address, or null when a recursive resolver gave one: the resolvers a probe names
     * must (the system's would only stand in for them), and so must the system's when the load balancer is to be
     * compared with DNS. The message names each resolver and what it did.
     *
     * @param named     the probe names its resolvers; else they are the system's
     * @param compareLb the probe says where its load balancer is
     * @param answers   every answer, the recursive resolvers' in the order asked
     */
    public static Failure unresolved(String host, boolean named, boolean compareLb, List<ResolverAnswer> answers) {
        List<ResolverAnswer> recursive = answers.stream().filter(a -> !a.authoritative()).toList();
        if (recursive.stream().anyMatch(a -> !a.addresses().isEmpty()) || !named && !compareLb) {
            return null;
        }
        String which = (named ? "none of the named resolvers " : "none of the system's resolvers ")
                + String.join(", ", recursive.stream().map(ResolverAnswer::resolver).toList());
        String consequence = named ? "so it was not probed" : "so whether it points at the load balancer is unknown";
        List<String> what = recursive.stream()
                .map(a -> a.error() != null ? a.error() : a.resolver() + " answered no address").toList();
        return new Failure(FailureKind.DNS, which + " gave an address for " + host + ", " + consequence + ": "
                + String.join("; ", what));
    }

    /**
     * Sentences saying what is wrong with DNS and the load balancer and what to do, most important first; empty when
     * DNS points at the load balancer and everything it checked passed.
     *
     * @param normal the normal probe's failure, or null when it passed
     */
    public static List<String> diagnose(Failure normal, DnsFacts facts) {
        List<String> sentences = new ArrayList<>();
        if (facts.expectedError() != null) {
            sentences.add("Cannot tell whether " + facts.host() + " points at the load balancer: " + facts.expectedError()
                    + ".");
        }
        List<StaleAnswer> stale = DnsJudgement.stale(facts.answers(), facts.expected());
        MismatchSentences mismatch = stale.isEmpty() ? null : new MismatchSentences(facts, stale);
        if (mismatch != null) {
            sentences.add(mismatch.headline());
        }
        sentences.addAll(LoadBalancerSentences.of(facts, normal, mismatch != null));
        if (mismatch != null) {
            sentences.addAll(mismatch.caches());
        }
        if (DnsJudgement.splitBrain(facts.resolved())) {
            sentences.add(splitBrain(facts));
        }
        facts.answers().stream().filter(a -> a.error() != null).forEach(a -> sentences.add(
                Words.capitalized(Words.server(a.resolver(), a.authoritative()))
                        + (a.addresses().isEmpty() ? " cannot resolve " + facts.host()
                                : " answered only part of " + facts.host() + " (" + Words.and(a.addresses()) + ")")
                        + ": " + a.error() + "."));
        if (facts.notProbed() > 0) {
            sentences.add(notProbed(facts));
        }
        return sentences;
    }

    /** E.g. {@code Probed 16 of the 40 addresses of api.example.com, the load balancer's first; the other 24 …} */
    private static String notProbed(DnsFacts facts) {
        long probed = Stream.concat(facts.direct().stream(), facts.resolved().stream())
                .map(c -> Addresses.key(c.address())).distinct().count();
        return "Probed " + probed + " of the " + (probed + facts.notProbed()) + " addresses of " + facts.host()
                + (facts.expected().isEmpty() ? "" : ", the load balancer's first") + "; the other " + facts.notProbed()
                + " were not probed (dns.maxAddresses is " + probed + ").";
    }

    /** E.g. {@code api.example.com's addresses serve different certificates: 203.0.113.7 serves sha256 ab12…, …} */
    private static String splitBrain(DnsFacts facts) {
        List<String> served = facts.resolved().stream()
                .filter(c -> c.sha256() != null)
                .map(c -> c.address() + " serves sha256 " + abbreviated(c))
                .toList();
        return facts.host() + "'s addresses serve different certificates: " + String.join(", ", served)
                + " — a split brain after a load balancer was recreated?";
    }

    private static String abbreviated(AddressCheck check) {
        String sha256 = check.sha256();
        return sha256.length() <= FINGERPRINT_CHARS ? sha256 : sha256.substring(0, FINGERPRINT_CHARS) + "…";
    }

    /** A sentence as a failure message, which by convention has no final full stop. */
    private static String message(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
