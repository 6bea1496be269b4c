package dev.vigil.cert;

import dev.vigil.time.Durations;
import dev.vigil.time.Moments;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A default certificate because the CA refuses: the endpoint serves a certificate the modelled CA did not issue, or
 * one that does not verify, while a set of names it served before has used up its duplicate-certificate limit. The
 * ingress could not get a certificate for its names and fell back to its own.
 *
 * @param set    the set of names the CA refuses, with its limit's usage (none left)
 * @param usedBy the certificates for that set served here within the limit's window, oldest first
 */
public record Refusal(NameSetUsage set, List<Observation> usedBy) {
    /** The most certificates a sentence lists, the latest ones; a limit's capacity is 5 at Let's Encrypt. */
    static final int LISTED = 10;

    public Refusal {
        Objects.requireNonNull(set, "set");
        usedBy = List.copyOf(usedBy);
    }

    /**
     * The refusal behind {@code current}, if any. Pure.
     *
     * @param currentCounts whether {@code current} was issued by the modelled CA
     * @param sets          the name sets served within the window, current first, as {@link CertStatus#nameSets}
     * @param counted       the certificates the endpoint served that count against the limit, oldest first
     */
    static Optional<Refusal> find(Observation current, boolean currentCounts, List<NameSetUsage> sets,
            List<Observation> counted, Duration window, Instant now) {
        if (current == null || currentCounts && current.verified()) {
            return Optional.empty();
        }
        Instant since = now.minus(window);
        return sets.stream().filter(set -> !set.current() && set.usage().tokensLeft() == 0).findFirst()
                .map(set -> new Refusal(set, counted.stream()
                        .filter(o -> o.sans().equals(set.names()) && o.notBefore().isAfter(since))
                        .sorted(Comparator.comparing(Observation::notBefore)).toList()));
    }

    /**
     * The cause sentence, e.g. {@code The CA refuses new certificates for {api.example.com, www.api.example.com} until
     * 2026-12-02 14:00 UTC, in 31 h: 5 certificates for them were issued in the last 168 h (04a1 at 2026-11-28 09:00
     * UTC; …), so the ingress serves its default certificate. Make its ACME storage persistent (Traefik acme.json, a
     * cert-manager Secret); then wait until 2026-12-02 14:00 UTC, or change the set of names.}
     */
    public String sentence(LimitPolicy policy, Instant now) {
        LimitUsage usage = set.usage();
        String until = usage.nextTokenAt() == null ? "" : " until " + Moments.when(usage.nextTokenAt(), now);
        List<Observation> listed = usedBy.subList(Math.max(0, usedBy.size() - LISTED), usedBy.size());
        // The latest ones: the earliest return first, so they matter least.
        String serials = listed.stream().map(o -> o.serialHex() + " at " + Moments.minute(o.notBefore()))
                .collect(Collectors.joining("; ", usedBy.size() > LISTED ? " (…; " : " (", ")"));
        return "The CA refuses new certificates for " + set.namesText() + until + ": "
                + CertText.count(usage.issuedInWindow(), "certificate") + " for them were issued in the last "
                + Durations.period(policy.window()) + (listed.isEmpty() ? "" : serials)
                + ", so the ingress serves its default certificate. Make its ACME storage persistent (Traefik"
                + " acme.json, a cert-manager Secret); then wait"
                + (usage.nextTokenAt() == null ? "" : " until " + Moments.minute(usage.nextTokenAt()))
                + ", or change the set of names.";
    }
}
