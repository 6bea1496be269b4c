package dev.vigil.cert;

import dev.vigil.lb.PodStarts;
import dev.vigil.time.Durations;
import dev.vigil.time.Moments;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The churn signature: the same set of names issued again and again long before the previous certificate would
 * expire, as an ingress does that requests a new certificate every time it starts because its ACME storage does not
 * survive the restart. Seen early, it warns before the CA's duplicate-certificate limit is used up.
 *
 * @param set          the set of names re-issued, with its limit's usage
 * @param certificates the certificates of the run of early re-issues, oldest first; at least {@value #CERTIFICATES}
 * @param daysLeft     the fewest whole days the previous certificate still had when the next one was issued
 * @param restarts     the re-issues that followed a (re)start of the ingress controller's pods; null when its pods
 *                     were not read, or none preceded a re-issue
 */
public record Churn(NameSetUsage set, List<Observation> certificates, long daysLeft, RestartMatch restarts) {
    /** Certificates in a row, each issued early, that make the signature: two re-issues of one first certificate. */
    static final int CERTIFICATES = 3;
    /** A re-issue is early while the previous certificate has more than this left, whatever its validity. */
    private static final Duration EARLY_LEFT = Duration.ofDays(30);

    public Churn {
        Objects.requireNonNull(set, "set");
        certificates = List.copyOf(certificates);
    }

    /** A churn without knowledge of the ingress controller's restarts. */
    public Churn(NameSetUsage set, List<Observation> certificates, long daysLeft) {
        this(set, certificates, daysLeft, null);
    }

    /**
     * This churn told with when the ingress controller's {@code pods} (re)started: the re-issues that each followed a
     * start by at most {@link RestartMatch#BOUND}, if any.
     */
    public Churn withRestarts(List<PodStarts> pods) {
        return new Churn(set, certificates, daysLeft, RestartMatch.find(certificates, pods, RestartMatch.BOUND)
                .orElse(null));
    }

    /**
     * The churn of the first of {@code sets} (current first, as {@link CertStatus#nameSets}) that shows it, if any.
     * Pure.
     *
     * @param counted the certificates the endpoint served that count against the limit (issued by the modelled CA),
     *                oldest first
     * @param window  the limit's window: only certificates issued within it before {@code now} are looked at
     */
    static Optional<Churn> find(List<NameSetUsage> sets, List<Observation> counted, Duration window,
            Instant now) {
        Instant since = now.minus(window);
        for (NameSetUsage set : sets) {
            List<Observation> issued = counted.stream()
                    .filter(o -> o.sans().equals(set.names()) && o.notBefore().isAfter(since)
                            && !o.notBefore().isAfter(now))
                    .sorted(Comparator.comparing(Observation::notBefore)).toList();
            List<Observation> run = new ArrayList<>();
            for (Observation cert : issued) {
                if (!run.isEmpty() && !early(run.getLast(), cert)) {
                    run.clear();
                }
                run.add(cert);
            }
            if (run.size() >= CERTIFICATES) {
                long daysLeft = Long.MAX_VALUE;
                for (int i = 1; i < run.size(); i++) {
                    daysLeft = Math.min(daysLeft, Duration.between(run.get(i).notBefore(), run.get(i - 1).notAfter())
                            .toDays());
                }
                return Optional.of(new Churn(set, run, daysLeft));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code next} was issued while {@code previous} had most of its life left: over 2/3 or over 30 days. */
    static boolean early(Observation previous, Observation next) {
        Duration left = Duration.between(next.notBefore(), previous.notAfter());
        Duration validity = Duration.between(previous.notBefore(), previous.notAfter());
        return left.multipliedBy(3).compareTo(validity.multipliedBy(2)) > 0 || left.compareTo(EARLY_LEFT) > 0;
    }

    /**
     * The cause sentence, e.g. {@code 3 certificates for {api.example.com, www.api.example.com} in 2 h 10 m, each about
     * 89 days before the previous one would expire: the ingress is requesting a new certificate every time it starts;
     * its ACME storage (Traefik acme.json, a cert-manager Secret) is probably not persistent. 2 of 5 left; the next
     * returns at 2026-12-02 14:00 UTC, in 31 h.} When the ingress controller's restarts explain re-issues, the clause
     * of {@link RestartMatch#clause()} follows "every time it starts".
     */
    public String sentence(LimitPolicy policy, Instant now) {
        Duration span = Duration.between(certificates.getFirst().notBefore(), certificates.getLast().notBefore());
        return CertText.count(certificates.size(), "certificate") + " for " + set.namesText() + " in "
                + Durations.nearestMinute(span) + ", each about " + CertText.count(daysLeft, "day")
                + " before the previous one would expire: the ingress is requesting a new certificate every time it"
                + " starts; " + (restarts == null ? "" : restarts.clause() + "; ")
                + "its ACME storage (Traefik acme.json, a cert-manager Secret) is probably not persistent. "
                + left(policy, set.usage(), now);
    }

    /** {@code 2 of 5 left; the next returns at T.}, or that none is left and until when. */
    static String left(LimitPolicy policy, LimitUsage usage, Instant now) {
        String left = usage.tokensLeft() + " of " + policy.capacity() + " left";
        if (usage.nextTokenAt() == null) {
            return left + ".";
        }
        String when = Moments.when(usage.nextTokenAt(), now);
        return usage.tokensLeft() == 0 ? left + ": the CA refuses new certificates for them until " + when + "."
                : left + "; the next returns at " + when + ".";
    }
}
