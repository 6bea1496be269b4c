package dev.vigil.cert;

import dev.vigil.lb.IngressPods;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A probe's certificate tracking: how changes are judged, when expiry is warned about, and which CA rate limits are
 * watched.
 *
 * @param track                 record the certificates the probe sees (only {@code https} probes see any)
 * @param renewalWindow         when a new certificate counts as a renewal rather than a re-issue
 * @param expiryWarningDays     days before expiry at which a warning is reported, largest first
 * @param exactSet              the limit on certificates for one exact set of names
 * @param registeredDomain      the registered domain for the per-domain limit; null for the host's last two labels
 * @param registeredDomainLimit the limit on certificates per registered domain
 * @param ct                    Certificate Transparency lookups
 * @param limitIssuers          the issuer organisations (the {@code O} of the issuer DN, or the whole DN without one)
 *                              of the CA whose limits are modelled: only its certificates count against them, never a
 *                              self-signed one
 * @param ingressPods           the ingress controller's pods, whose (re)starts tell a churn's cause; null when Vigil is
 *                              not to read them
 */
public record CertSettings(boolean track, RenewalWindow renewalWindow, List<Integer> expiryWarningDays,
        LimitPolicy exactSet, String registeredDomain, LimitPolicy registeredDomainLimit, CtSettings ct,
        List<String> limitIssuers, IngressPods ingressPods) {
    public static final List<Integer> DEFAULT_EXPIRY_WARNING_DAYS = List.of(30, 14, 7, 3, 1);
    /** Let's Encrypt's issuer organisations, in production and in staging. */
    public static final List<String> LETS_ENCRYPT = List.of("Let's Encrypt", "(STAGING) Let's Encrypt");
    public static final CertSettings DEFAULT = new CertSettings(true, RenewalWindow.DEFAULT,
            DEFAULT_EXPIRY_WARNING_DAYS, LimitPolicy.EXACT_SET, null, LimitPolicy.REGISTERED_DOMAIN, CtSettings.DEFAULT,
            LETS_ENCRYPT, null);

    public CertSettings {
        Objects.requireNonNull(renewalWindow, "renewalWindow");
        Objects.requireNonNull(exactSet, "exactSet");
        Objects.requireNonNull(registeredDomainLimit, "registeredDomainLimit");
        Objects.requireNonNull(ct, "ct");
        limitIssuers = List.copyOf(limitIssuers);
        if (limitIssuers.isEmpty()) {
            throw new IllegalArgumentException("limitIssuers must name at least one issuer");
        }
        expiryWarningDays = expiryWarningDays.stream().sorted(Comparator.reverseOrder()).distinct().toList();
    }

    /** Whether {@code issuance} counts against this probe's limits: see {@link LimitIssuers}. */
    boolean counts(Issuance issuance) {
        return LimitIssuers.counts(limitIssuers, issuance);
    }
}
