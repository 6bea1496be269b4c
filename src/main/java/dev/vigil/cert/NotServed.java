package dev.vigil.cert;

import dev.vigil.time.Moments;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Issued but not served: CT logs list a certificate of the modelled CA for the served names, issued after the served
 * one, that the endpoint has not served an hour after it became valid. The ingress's ACME client got it; the ingress
 * did not load it.
 *
 * @param served the certificate the endpoint still serves
 * @param newer  the latest certificate for the same names found in CT and never seen at the endpoint
 */
public record NotServed(Observation served, Issuance newer) {
    /** How long after its start of validity a newer certificate may take to be loaded before it is missed. */
    static final Duration GRACE = Duration.ofHours(1);

    public NotServed {
        Objects.requireNonNull(served, "served");
        Objects.requireNonNull(newer, "newer");
    }

    /**
     * The newer certificate the endpoint does not serve, if any. Pure.
     *
     * @param seen   the certificates seen at the endpoint
     * @param logged the certificates of the modelled CA for the current names found in CT logs at their last answer;
     *               null when CT is not asked, was never answered, or is failing now
     */
    static Optional<NotServed> find(Observation current, List<Observation> seen, List<Issuance> logged, Instant now) {
        if (current == null || logged == null) {
            return Optional.empty();
        }
        Set<String> served = seen.stream().map(o -> DuplicateLimit.serialKey(o.serialHex()))
                .collect(Collectors.toSet());
        return logged.stream()
                .filter(i -> i.sans().equals(current.sans()) && i.notBefore().isAfter(current.notBefore())
                        && now.isAfter(i.notBefore().plus(GRACE))
                        && !served.contains(DuplicateLimit.serialKey(i.serialHex())))
                .max(Comparator.comparing(Issuance::notBefore))
                .map(newer -> new NotServed(current, newer));
    }

    /**
     * The cause sentence, e.g. {@code a newer certificate for {api.example.com} was issued at 2026-11-25 07:00 UTC, 2 h
     * ago (serial 05b2, found in CT) but the endpoint still serves serial 04a1 issued at 2026-09-01 00:00 UTC: the
     * ingress did not load it — restart or reload the ingress, or check that its certificate store is the one it
     * reads.}
     */
    public String sentence(Instant now) {
        return "a newer certificate for " + NameSetUsage.namesText(served.sans()) + " was issued at "
                + Moments.when(newer.notBefore(), now) + " (serial " + newer.serialHex()
                + ", found in CT) but the endpoint still serves serial " + served.serialHex() + " issued at "
                + Moments.minute(served.notBefore()) + ": the ingress did not load it — restart or reload the"
                + " ingress, or check that its certificate store is the one it reads.";
    }
}
