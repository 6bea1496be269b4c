package dev.vigil.cert;

import dev.vigil.time.Moments;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Renewal failing: the certificate the endpoint serves is past its renewal window and nothing newer for its names was
 * seen, neither at the endpoint nor, when they answered, in Certificate Transparency logs. The ingress's ACME client
 * tried and the CA said no, or it never tried.
 *
 * @param current    the certificate served, issued by the modelled CA
 * @param dueSince   when its renewal window opened
 * @param ctAnswered whether CT logs answered for its names, so that "nothing newer" covers them too
 */
public record RenewalFailing(Observation current, Instant dueSince, boolean ctAnswered) {
    public RenewalFailing {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(dueSince, "dueSince");
    }

    /**
     * Whether renewal is failing for {@code current}. Pure. Only a certificate of the modelled CA is renewed by the
     * ingress's ACME client; a default or self-signed one is another cause.
     *
     * @param currentCounts whether {@code current} was issued by the modelled CA
     * @param seen          the certificates seen at the endpoint
     * @param logged        the certificates for the current names found in CT logs at their last answer; null when
     *                      CT is not asked, was never answered, or is failing now
     */
    static Optional<RenewalFailing> find(Observation current, boolean currentCounts, List<Observation> seen,
            List<Issuance> logged, RenewalWindow window, Instant now) {
        if (current == null || !currentCounts || !window.isDue(current, now)) {
            return Optional.empty();
        }
        boolean newerSeen = seen.stream().anyMatch(o -> o.sans().equals(current.sans())
                && o.notBefore().isAfter(current.notBefore()));
        boolean newerLogged = logged != null && logged.stream().anyMatch(i -> i.sans().equals(current.sans())
                && i.notBefore().isAfter(current.notBefore()));
        return newerSeen || newerLogged ? Optional.empty()
                : Optional.of(new RenewalFailing(current, window.opensAt(current), logged != null));
    }

    /**
     * The cause sentence, e.g. {@code renewal is failing: the certificate for {api.example.com} (serial 04a1, issued
     * 2026-09-01 00:00 UTC) is past its renewal window since 2026-10-31 00:00 UTC, 12 d ago, and no newer certificate
     * was seen at the endpoint or in CT; it expires at 2026-11-30 00:00 UTC, in 18 d. Check the ingress's ACME client
     * logs (Traefik, cert-manager) for the CA's error.}
     */
    public String sentence(Instant now) {
        String expires = current.notAfter().isAfter(now) ? "it expires at " : "it expired at ";
        return "renewal is failing: the certificate for " + NameSetUsage.namesText(current.sans()) + " (serial "
                + current.serialHex() + ", issued " + Moments.minute(current.notBefore())
                + ") is past its renewal window since " + Moments.when(dueSince, now)
                + ", and no newer certificate was seen at the endpoint" + (ctAnswered ? " or in CT" : "") + "; "
                + expires + Moments.when(current.notAfter(), now)
                + ". Check the ingress's ACME client logs (Traefik, cert-manager) for the CA's error.";
    }
}
